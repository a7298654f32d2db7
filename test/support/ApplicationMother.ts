import type { ApplicationRecord, CreateDetail, DocumentResend, ManualReviewFlag, TellerCheckRecord } from '../../core/get-create-info/Application.js';

type PayTax = ManualReviewFlag['payTaxes'][number];

let serial = 0;
/** Integer seqNos unique within this test process (children's seqNos are serials). */
export function nextSerial(): number {
  serial += 1;
  return serial;
}

let masterCounter = 0;
function nextMasterSeqNo(): string {
  masterCounter += 1;
  return `0A${process.pid.toString(16)}${masterCounter.toString(16).padStart(8, '0')}d1d572650511ea8a30acde4800`;
}

const STEP_NUMBERS = Array.from({ length: 11 }, (_, index) => String(index + 1).padStart(2, '0'));

function stepBreakPoint(seqNo: string, doneThrough: number): NonNullable<ApplicationRecord['stepBreakPoint']> {
  const steps: Record<string, string | null> = {};
  STEP_NUMBERS.forEach((step, index) => {
    const done = index + 1 <= doneThrough;
    steps[`step${step}State`] = done ? 'Y' : null;
    steps[`step${step}UpdateDate`] = done ? '2026-11-02' : null;
    steps[`step${step}UpdateTime`] = done ? `10:${String(index * 3).padStart(2, '0')}:00` : null;
  });
  return {
    createDate: '2026-11-02',
    createTime: '10:00:00',
    seqNo: `SBP${seqNo}`.slice(0, 64),
    ...steps,
    updateDate: '2026-11-02',
    updateTime: `10:${String(Math.max(doneThrough - 1, 0) * 3).padStart(2, '0')}:00`,
  } as NonNullable<ApplicationRecord['stepBreakPoint']>;
}

function createDetail(masterSeqNo: string, idno: string, name: string): CreateDetail {
  return {
    seqNo: `D${masterSeqNo}`.slice(0, 64),
    createMasterSeqNo: masterSeqNo,
    imei: '356938035643809',
    ipv4: '203.69.12.34',
    ipv6: '2001:b011:4006:1a2f:1319:8a2e:370:7344',
    deviceRecord: 'iPhone15,3-7C2A1F',
    gps: '25.0330,121.5654',
    termGeneralAgrmt: 'TermGeneralAcc:V1.0',
    termMemberService: 'TermMemberService:V1.0',
    termPointMarketingAgrmt: 'TermPointMarketingAgrmt:V1.0',
    termCommonMarketingAgrmt: 'TermCommonMarketingAgrmt:V1.0',
    termPersonalAgrmt: 'TermPersonalAgrmt:V1.0',
    isAgreed3thPartyUsed: true,
    agreedDate: '2026-11-02T02:01:30.780Z',
    applyPurpose: 'DEPOSIT_TRANSACTION,INVESTMENT',
    industry: { code: '14220', name: '公用事業設施工程業' },
    job: { code: '10009', name: '軍人(士官以下)' },
    organization: '將來商業銀行',
    isSalaryAccount: false,
    acverinputBank: '808',
    acverinputAccNo: '0123456789012',
    acverinputDate: '2026-11-02T02:09:10.120Z',
    isFatca: false,
    isPayTaxes: true,
    isTwTaxPayer: true,
    idno,
    name,
    aboriginalName: null,
    gender: idno[1] === '2' ? 'F' : 'M',
    spouse: null,
    birthYear: '079',
    birthMonth: '05',
    birthDate: '17',
    idIssueYear: '108',
    idIssueMonth: '02',
    idIssueDate: '12',
    idIssueCity: { code: '10001', name: '北縣' },
    idIssueWay: { code: '3', name: '換發' },
    residentCity: '臺北市',
    residentDistrict: '信義區',
    residentAddress: '信義路五段7號',
    residentPostalCode: '110',
    firstFront: 'OCR-IMG-0001',
    firstBack: 'OCR-IMG-0002',
    ocrSecFrontImageID: 'OCR-IMG-0003',
    isModified: false,
    videoViewFileName: 'video-20261102-0001.mp4',
    videoSoundFileName: 'sound-20261102-0001.aac',
    cardFace: 'CF01',
    cardName: 'WANG HSIAO MING',
    cardEmail: 'hsiaoming.wang@example.com.tw',
    cardCity: '臺北市',
    cardArea: '信義區',
    cardAddress: '信義路五段7號',
    cardAddressCode: '110',
    userID: 'wangxm2026',
    createAccountStatus: 'L1',
  };
}

/** Detail fields filled at or after each step (what an interruption leaves empty). */
const DETAIL_FIELDS_FROM_STEP: Record<number, (keyof CreateDetail)[]> = {
  3: ['applyPurpose', 'industry', 'job', 'organization', 'isSalaryAccount'],
  4: ['acverinputBank', 'acverinputAccNo', 'acverinputDate'],
  5: ['firstFront', 'firstBack', 'idIssueYear', 'idIssueMonth', 'idIssueDate', 'idIssueCity', 'idIssueWay', 'birthYear', 'birthMonth', 'birthDate', 'gender'],
  6: ['ocrSecFrontImageID'],
  7: ['residentCity', 'residentDistrict', 'residentAddress', 'residentPostalCode', 'isModified'],
  8: ['videoViewFileName', 'videoSoundFileName'],
  9: ['cardFace', 'cardName', 'cardEmail', 'cardCity', 'cardArea', 'cardAddress', 'cardAddressCode'],
  10: ['isFatca', 'isPayTaxes', 'isTwTaxPayer'],
  11: ['userID', 'createAccountStatus'],
};

/** Object mother of account-opening applications: `anApplication().interruptedAt(4).build()`. */
export class ApplicationBuilder {
  private application: ApplicationRecord;

  constructor() {
    const seqNo = nextMasterSeqNo();
    this.application = {
      seqNo,
      phoneNumber: '0912345678',
      idno: 'A123456789',
      name: '王小明',
      mgmCode: 'MGM8Q2K',
      status: 'L1',
      rejectMemo: null,
      createDate: '2026-11-02',
      updateDate: '2026-11-02',
      createTime: '10:00:00',
      updateTime: '10:30:00',
      isFirstUse: true,
      isArchived: false,
      lastStepDateTime: '2026-11-02 10:30:00',
      memberProfileSeqNo: `BB${seqNo.slice(2)}`,
      stepBreakPoint: stepBreakPoint(seqNo, 11),
      createDetails: [createDetail(seqNo, 'A123456789', '王小明')],
      documentResends: [],
      manualReviewFlags: [],
      tellerCheckRecords: [],
    };
  }

  withSeqNo(seqNo: string): this {
    const old = this.application.seqNo;
    const json = JSON.stringify(this.application).split(JSON.stringify(old).slice(1, -1)).join(seqNo);
    this.application = JSON.parse(json) as ApplicationRecord;
    return this;
  }

  withIdno(idno: string): this {
    this.application.idno = idno;
    for (const detail of this.application.createDetails) detail.idno = idno;
    return this;
  }

  withPhone(phone: string | null): this {
    this.application.phoneNumber = phone;
    return this;
  }

  withName(name: string): this {
    this.application.name = name;
    for (const detail of this.application.createDetails) detail.name = name;
    return this;
  }

  createdAt(date: string, time: string): this {
    this.application.createDate = date;
    this.application.createTime = time;
    return this;
  }

  /** Stopped before finishing `step` (1..11): later steps empty, still being applied for. */
  interruptedAt(step: number): this {
    const app = this.application;
    app.status = 'L0';
    app.stepBreakPoint = stepBreakPoint(app.seqNo, step - 1);
    app.lastStepDateTime = step > 1 ? `2026-11-02 10:${String((step - 2) * 3).padStart(2, '0')}:00` : null;
    for (const detail of app.createDetails) {
      for (const [from, fields] of Object.entries(DETAIL_FIELDS_FROM_STEP)) {
        if (Number(from) >= step) for (const field of fields) (detail as Record<string, unknown>)[field] = null;
      }
    }
    app.tellerCheckRecords = [];
    return this;
  }

  /** Completed and approved by a teller and a manager. */
  completed(): this {
    this.application.status = 'L1';
    this.application.stepBreakPoint = stepBreakPoint(this.application.seqNo, 11);
    this.application.tellerCheckRecords = [this.tellerRecord('APPROVED')];
    return this;
  }

  withResend(category: DocumentResend['category'], content: string[], changes: Partial<DocumentResend> = {}): this {
    this.application.documentResends.push({
      seqNo: nextSerial(),
      createMasterSeqNo: this.application.seqNo,
      resendProdType: 'CREATEACCOUNT',
      resendReason: category === 'FINANCIAL_PROOF' ? '補財力證明' : '證件影像模糊，請重新上傳',
      createDateTime: '2026-11-03 09:15:00',
      updateDateTime: '2026-11-03 11:40:00',
      category,
      resendContent: content,
      resendStatus: 'B2',
      resendRejectReason: null,
      ...changes,
    });
    return this;
  }

  /** A manual-review flag with all four details and two tax residences. */
  withReviewFlag(changes: Partial<ManualReviewFlag> = {}): this {
    const seqNo = nextSerial();
    const masterSeqNo = this.application.seqNo;
    const tax = (code: string, name: string, taxesNo: string): PayTax => ({
      IDNO: this.application.idno,
      countryCode: { code, name },
      createdDate: '2026-11-02',
      createdTime: '10:27:04',
      seqNo: nextSerial(),
      taxesNo,
      updateDate: '2026-11-02',
      updateTime: '10:27:04',
    });
    this.application.manualReviewFlags.push({
      seqNo,
      createMasterSeqNo: masterSeqNo,
      p2566: false,
      ocr: seqNo,
      ocrScanError: false,
      z22: seqNo,
      aml: seqNo,
      sameIpDiffEmail: true,
      bornInUSA: false,
      rarelyWord: true,
      createDate: '2026-11-02',
      updateDate: '2026-11-02',
      createTime: '10:31:22',
      updateTime: '10:31:22',
      amlFlagDetail: { seqNo, isInSanctionList: false, isInPepsList: true, riskLevel: 'HIGH' },
      ocrFlagDetail: {
        createTime: '10:12:40',
        updateTime: '10:12:40',
        seqNo,
        birthYear: '079',
        birthMonth: '05',
        birthDate: '17',
        idIssueYear: '108',
        idIssueMonth: '02',
        idIssueDate: '12',
        idIssueCity: '北縣',
        idIssueWay: { code: '2', name: '補發' },
        city: '臺北市',
        district: '信義區',
        address: '信義路五段7號',
        postalCode: '110',
        firstBack: 'OCR-IMG-0002',
        firstFront: 'OCR-IMG-0001',
        name: '王曉明',
        createDate: '2026-11-02',
        updateDate: '2026-11-02',
        aboriginalName: null,
        createMasterSeqNo: masterSeqNo,
        spouse: '林淑芬',
        birthPlace: '臺灣省臺北縣',
        military: '役畢',
        naturalFather: '王大同',
        naturalMother: '陳秀英',
        secondFront: 'OCR-IMG-0003',
        gender: 'M',
        barCode: '0123456789',
        serialNo: '0987654321',
      },
      z21FlagDetail: { seqNo, z21ResultCode: 'N', z21ResultMessage: '查無資料', z21NewBussCount: '5' },
      z22FlagDetail: { seqNo, z22ActType: 'A0,F1,B2', z22MsgNewSubCode: '因身分證遺失' },
      payTaxes: [tax('TW', '台灣', 'A123456789'), tax('US', '美國', '912-34-5678')],
      firstFrontScanError: false,
      firstBackScanError: true,
      secondScanError: true,
      sameIpWithDiffPid: true,
      sameIpWithDiffPidDatetime: '2026-11-02 10:31:22',
      z21ExceedTimes: '3N',
      special: ['NextUserLoan'],
      ...changes,
    });
    return this;
  }

  withTellerRecord(checkStatus: string): this {
    this.application.tellerCheckRecords.push(this.tellerRecord(checkStatus));
    return this;
  }

  private tellerRecord(checkStatus: string): TellerCheckRecord {
    return {
      seqNo: nextSerial(),
      createMasterSeqNo: this.application.seqNo,
      tellerNo: 'T10234',
      tellerCheckDate: '2026-11-03',
      tellerCheckTime: '14:05:11',
      tellerMemo: '證件與影像相符',
      managerNo: 'M20011',
      managerCheckDate: '2026-11-03',
      managerCheckTime: '15:20:45',
      managerMemo: '同意核准',
      checkStatus,
      createDateTime: '2026-11-03 13:50:00',
      updateDateTime: '2026-11-03 15:20:45',
    };
  }

  build(): ApplicationRecord {
    return structuredClone(this.application);
  }
}

export const anApplication = () => new ApplicationBuilder();
