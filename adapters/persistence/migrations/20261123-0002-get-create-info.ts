import { DataTypes, type QueryInterface } from 'sequelize';
import { TABLE_OPTIONS } from '../tableOptions.js';

/**
 * GetCreateInfo's tables (seed 001, SPEC 4): the application (create_master) and its graph.
 * Every child is keyed by its parent's seqNo on an index, so the whole graph of any number
 * of applications is read with one query per table. Written out in full so this migration
 * never changes when the models do.
 */
export async function up(queryInterface: QueryInterface): Promise<void> {
  await queryInterface.createTable('create_master', {
    seq_no: { type: DataTypes.STRING(64), primaryKey: true },
    phone_number: { type: DataTypes.STRING(20), allowNull: true },
    idno: { type: DataTypes.STRING(20), allowNull: true },
    name: { type: DataTypes.STRING(100), allowNull: true },
    mgm_code: { type: DataTypes.STRING(32), allowNull: true },
    status: { type: DataTypes.STRING(8), allowNull: true },
    reject_memo: { type: DataTypes.STRING(255), allowNull: true },
    create_date: { type: DataTypes.DATEONLY, allowNull: false },
    update_date: { type: DataTypes.DATEONLY, allowNull: true },
    create_time: { type: DataTypes.TIME, allowNull: false },
    update_time: { type: DataTypes.TIME, allowNull: true },
    is_first_use: { type: DataTypes.BOOLEAN, allowNull: true },
    is_archived: { type: DataTypes.BOOLEAN, allowNull: true },
    last_step_date_time: { type: DataTypes.DATE, allowNull: true },
    member_profile_seq_no: { type: DataTypes.STRING(64), allowNull: true },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('create_master', ['idno'], { name: 'create_master_idno' });
  await queryInterface.addIndex('create_master', ['phone_number', 'idno'], { name: 'create_master_phone_idno' });

  await queryInterface.createTable('step_break_point', {
    create_date: { type: DataTypes.DATEONLY, allowNull: true },
    create_time: { type: DataTypes.TIME, allowNull: true },
    seq_no: { type: DataTypes.STRING(64), primaryKey: true },
    step01_state: { type: DataTypes.STRING(64), allowNull: true },
    step01_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step01_update_time: { type: DataTypes.TIME, allowNull: true },
    step02_state: { type: DataTypes.STRING(64), allowNull: true },
    step02_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step02_update_time: { type: DataTypes.TIME, allowNull: true },
    step03_state: { type: DataTypes.STRING(64), allowNull: true },
    step03_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step03_update_time: { type: DataTypes.TIME, allowNull: true },
    step04_state: { type: DataTypes.STRING(64), allowNull: true },
    step04_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step04_update_time: { type: DataTypes.TIME, allowNull: true },
    step05_state: { type: DataTypes.STRING(64), allowNull: true },
    step05_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step05_update_time: { type: DataTypes.TIME, allowNull: true },
    step06_state: { type: DataTypes.STRING(64), allowNull: true },
    step06_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step06_update_time: { type: DataTypes.TIME, allowNull: true },
    step07_state: { type: DataTypes.STRING(64), allowNull: true },
    step07_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step07_update_time: { type: DataTypes.TIME, allowNull: true },
    step08_state: { type: DataTypes.STRING(64), allowNull: true },
    step08_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step08_update_time: { type: DataTypes.TIME, allowNull: true },
    step09_state: { type: DataTypes.STRING(64), allowNull: true },
    step09_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step09_update_time: { type: DataTypes.TIME, allowNull: true },
    step10_state: { type: DataTypes.STRING(64), allowNull: true },
    step10_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step10_update_time: { type: DataTypes.TIME, allowNull: true },
    step11_state: { type: DataTypes.STRING(64), allowNull: true },
    step11_update_date: { type: DataTypes.DATEONLY, allowNull: true },
    step11_update_time: { type: DataTypes.TIME, allowNull: true },
    update_date: { type: DataTypes.DATEONLY, allowNull: true },
    update_time: { type: DataTypes.TIME, allowNull: true },
    create_master_seq_no: { type: DataTypes.STRING(64), allowNull: false },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('step_break_point', ['create_master_seq_no'], { name: 'step_break_point_master', unique: true });

  await queryInterface.createTable('create_detail', {
    seq_no: { type: DataTypes.STRING(64), primaryKey: true },
    create_master_seq_no: { type: DataTypes.STRING(64), allowNull: false },
    imei: { type: DataTypes.STRING(64), allowNull: true },
    ipv4: { type: DataTypes.STRING(15), allowNull: true },
    ipv6: { type: DataTypes.STRING(45), allowNull: true },
    device_record: { type: DataTypes.STRING(64), allowNull: true },
    gps: { type: DataTypes.STRING(64), allowNull: true },
    term_general_agrmt: { type: DataTypes.STRING(64), allowNull: true },
    term_member_service: { type: DataTypes.STRING(64), allowNull: true },
    term_point_marketing_agrmt: { type: DataTypes.STRING(64), allowNull: true },
    term_common_marketing_agrmt: { type: DataTypes.STRING(64), allowNull: true },
    term_personal_agrmt: { type: DataTypes.STRING(64), allowNull: true },
    is_agreed3th_party_used: { type: DataTypes.BOOLEAN, allowNull: true },
    agreed_date: { type: DataTypes.DATE(3), allowNull: true },
    apply_purpose: { type: DataTypes.STRING(64), allowNull: true },
    industry_code: { type: DataTypes.STRING(32), allowNull: true },
    industry_name: { type: DataTypes.STRING(100), allowNull: true },
    job_code: { type: DataTypes.STRING(32), allowNull: true },
    job_name: { type: DataTypes.STRING(100), allowNull: true },
    organization: { type: DataTypes.STRING(100), allowNull: true },
    is_salary_account: { type: DataTypes.BOOLEAN, allowNull: true },
    acverinput_bank: { type: DataTypes.STRING(8), allowNull: true },
    acverinput_acc_no: { type: DataTypes.STRING(20), allowNull: true },
    acverinput_date: { type: DataTypes.DATE(3), allowNull: true },
    is_fatca: { type: DataTypes.BOOLEAN, allowNull: true },
    is_pay_taxes: { type: DataTypes.BOOLEAN, allowNull: true },
    is_tw_tax_payer: { type: DataTypes.BOOLEAN, allowNull: true },
    idno: { type: DataTypes.STRING(20), allowNull: true },
    name: { type: DataTypes.STRING(100), allowNull: true },
    aboriginal_name: { type: DataTypes.STRING(100), allowNull: true },
    gender: { type: DataTypes.STRING(8), allowNull: true },
    spouse: { type: DataTypes.STRING(100), allowNull: true },
    birth_year: { type: DataTypes.STRING(4), allowNull: true },
    birth_month: { type: DataTypes.STRING(2), allowNull: true },
    birth_date: { type: DataTypes.STRING(2), allowNull: true },
    id_issue_year: { type: DataTypes.STRING(4), allowNull: true },
    id_issue_month: { type: DataTypes.STRING(2), allowNull: true },
    id_issue_date: { type: DataTypes.STRING(2), allowNull: true },
    id_issue_city_code: { type: DataTypes.STRING(32), allowNull: true },
    id_issue_city_name: { type: DataTypes.STRING(100), allowNull: true },
    id_issue_way_code: { type: DataTypes.STRING(32), allowNull: true },
    id_issue_way_name: { type: DataTypes.STRING(100), allowNull: true },
    resident_city: { type: DataTypes.STRING(32), allowNull: true },
    resident_district: { type: DataTypes.STRING(32), allowNull: true },
    resident_address: { type: DataTypes.STRING(255), allowNull: true },
    resident_postal_code: { type: DataTypes.STRING(8), allowNull: true },
    first_front: { type: DataTypes.STRING(64), allowNull: true },
    first_back: { type: DataTypes.STRING(64), allowNull: true },
    ocr_sec_front_image_id: { type: DataTypes.STRING(64), allowNull: true },
    is_modified: { type: DataTypes.BOOLEAN, allowNull: true },
    video_view_file_name: { type: DataTypes.STRING(128), allowNull: true },
    video_sound_file_name: { type: DataTypes.STRING(128), allowNull: true },
    card_face: { type: DataTypes.STRING(32), allowNull: true },
    card_name: { type: DataTypes.STRING(100), allowNull: true },
    card_email: { type: DataTypes.STRING(128), allowNull: true },
    card_city: { type: DataTypes.STRING(32), allowNull: true },
    card_area: { type: DataTypes.STRING(32), allowNull: true },
    card_address: { type: DataTypes.STRING(255), allowNull: true },
    card_address_code: { type: DataTypes.STRING(8), allowNull: true },
    user_id: { type: DataTypes.STRING(64), allowNull: true },
    create_account_status: { type: DataTypes.STRING(8), allowNull: true },
    psd: { type: DataTypes.STRING(255), allowNull: true },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('create_detail', ['create_master_seq_no'], { name: 'create_detail_master' });

  await queryInterface.createTable('document_resend', {
    seq_no: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    create_master_seq_no: { type: DataTypes.STRING(64), allowNull: false },
    resend_prod_type: { type: DataTypes.STRING(32), allowNull: true },
    resend_reason: { type: DataTypes.STRING(255), allowNull: true },
    create_date_time: { type: DataTypes.DATE, allowNull: true },
    update_date_time: { type: DataTypes.DATE, allowNull: true },
    category: { type: DataTypes.STRING(32), allowNull: true },
    resend_status: { type: DataTypes.STRING(8), allowNull: true },
    resend_reject_reason: { type: DataTypes.STRING(255), allowNull: true },
    resend_content: { type: DataTypes.TEXT, allowNull: true },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('document_resend', ['create_master_seq_no'], { name: 'document_resend_master' });

  await queryInterface.createTable('manual_review_flag', {
    seq_no: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    create_master_seq_no: { type: DataTypes.STRING(64), allowNull: false },
    p2566: { type: DataTypes.BOOLEAN, allowNull: true },
    ocr: { type: DataTypes.INTEGER, allowNull: true },
    ocr_scan_error: { type: DataTypes.BOOLEAN, allowNull: true },
    z22: { type: DataTypes.INTEGER, allowNull: true },
    aml: { type: DataTypes.INTEGER, allowNull: true },
    same_ip_diff_email: { type: DataTypes.BOOLEAN, allowNull: true },
    born_in_usa: { type: DataTypes.BOOLEAN, allowNull: true },
    rarely_word: { type: DataTypes.BOOLEAN, allowNull: true },
    create_date: { type: DataTypes.DATEONLY, allowNull: true },
    update_date: { type: DataTypes.DATEONLY, allowNull: true },
    create_time: { type: DataTypes.TIME, allowNull: true },
    update_time: { type: DataTypes.TIME, allowNull: true },
    first_front_scan_error: { type: DataTypes.BOOLEAN, allowNull: true },
    first_back_scan_error: { type: DataTypes.BOOLEAN, allowNull: true },
    second_scan_error: { type: DataTypes.BOOLEAN, allowNull: true },
    same_ip_with_diff_pid: { type: DataTypes.BOOLEAN, allowNull: true },
    same_ip_with_diff_pid_datetime: { type: DataTypes.DATE, allowNull: true },
    z21_exceed_times: { type: DataTypes.STRING(8), allowNull: true },
    special: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('manual_review_flag', ['create_master_seq_no'], { name: 'manual_review_flag_master' });

  await queryInterface.createTable('aml_flag_detail', {
    seq_no: { type: DataTypes.INTEGER, primaryKey: true },
    is_in_sanction_list: { type: DataTypes.BOOLEAN, allowNull: true },
    is_in_peps_list: { type: DataTypes.BOOLEAN, allowNull: true },
    risk_level: { type: DataTypes.STRING(16), allowNull: true },
  }, TABLE_OPTIONS);

  await queryInterface.createTable('ocr_flag_detail', {
    create_time: { type: DataTypes.TIME, allowNull: true },
    update_time: { type: DataTypes.TIME, allowNull: true },
    seq_no: { type: DataTypes.INTEGER, primaryKey: true },
    birth_year: { type: DataTypes.STRING(4), allowNull: true },
    birth_month: { type: DataTypes.STRING(2), allowNull: true },
    birth_date: { type: DataTypes.STRING(2), allowNull: true },
    id_issue_year: { type: DataTypes.STRING(4), allowNull: true },
    id_issue_month: { type: DataTypes.STRING(2), allowNull: true },
    id_issue_date: { type: DataTypes.STRING(2), allowNull: true },
    id_issue_city: { type: DataTypes.STRING(32), allowNull: true },
    id_issue_way_code: { type: DataTypes.STRING(32), allowNull: true },
    id_issue_way_name: { type: DataTypes.STRING(100), allowNull: true },
    city: { type: DataTypes.STRING(32), allowNull: true },
    district: { type: DataTypes.STRING(32), allowNull: true },
    address: { type: DataTypes.STRING(255), allowNull: true },
    postal_code: { type: DataTypes.STRING(8), allowNull: true },
    first_back: { type: DataTypes.STRING(64), allowNull: true },
    first_front: { type: DataTypes.STRING(64), allowNull: true },
    name: { type: DataTypes.STRING(100), allowNull: true },
    create_date: { type: DataTypes.DATEONLY, allowNull: true },
    update_date: { type: DataTypes.DATEONLY, allowNull: true },
    aboriginal_name: { type: DataTypes.STRING(100), allowNull: true },
    create_master_seq_no: { type: DataTypes.STRING(64), allowNull: false },
    spouse: { type: DataTypes.STRING(100), allowNull: true },
    birth_place: { type: DataTypes.STRING(32), allowNull: true },
    military: { type: DataTypes.STRING(32), allowNull: true },
    natural_father: { type: DataTypes.STRING(100), allowNull: true },
    natural_mother: { type: DataTypes.STRING(100), allowNull: true },
    second_front: { type: DataTypes.STRING(64), allowNull: true },
    gender: { type: DataTypes.STRING(8), allowNull: true },
    bar_code: { type: DataTypes.STRING(64), allowNull: true },
    serial_no: { type: DataTypes.STRING(64), allowNull: true },
  }, TABLE_OPTIONS);

  await queryInterface.createTable('z21_flag_detail', {
    seq_no: { type: DataTypes.INTEGER, primaryKey: true },
    z21_result_code: { type: DataTypes.STRING(16), allowNull: true },
    z21_result_message: { type: DataTypes.STRING(255), allowNull: true },
    z21_new_buss_count: { type: DataTypes.STRING(16), allowNull: true },
  }, TABLE_OPTIONS);

  await queryInterface.createTable('z22_flag_detail', {
    seq_no: { type: DataTypes.INTEGER, primaryKey: true },
    z22_act_type: { type: DataTypes.STRING(64), allowNull: true },
    z22_msg_new_sub_code: { type: DataTypes.STRING(255), allowNull: true },
  }, TABLE_OPTIONS);

  await queryInterface.createTable('pay_taxes', {
    idno: { type: DataTypes.STRING(20), allowNull: true },
    country_code: { type: DataTypes.STRING(32), allowNull: true },
    country_name: { type: DataTypes.STRING(100), allowNull: true },
    created_date: { type: DataTypes.DATEONLY, allowNull: true },
    created_time: { type: DataTypes.TIME, allowNull: true },
    seq_no: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    taxes_no: { type: DataTypes.STRING(64), allowNull: true },
    update_date: { type: DataTypes.DATEONLY, allowNull: true },
    update_time: { type: DataTypes.TIME, allowNull: true },
    manual_review_flag_seq_no: { type: DataTypes.INTEGER, allowNull: false },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('pay_taxes', ['manual_review_flag_seq_no'], { name: 'pay_taxes_flag' });

  await queryInterface.createTable('teller_check_record', {
    seq_no: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    create_master_seq_no: { type: DataTypes.STRING(64), allowNull: false },
    teller_no: { type: DataTypes.STRING(16), allowNull: true },
    teller_check_date: { type: DataTypes.DATEONLY, allowNull: true },
    teller_check_time: { type: DataTypes.TIME, allowNull: true },
    teller_memo: { type: DataTypes.STRING(255), allowNull: true },
    manager_no: { type: DataTypes.STRING(16), allowNull: true },
    manager_check_date: { type: DataTypes.DATEONLY, allowNull: true },
    manager_check_time: { type: DataTypes.TIME, allowNull: true },
    manager_memo: { type: DataTypes.STRING(255), allowNull: true },
    check_status: { type: DataTypes.STRING(16), allowNull: true },
    create_date_time: { type: DataTypes.DATE, allowNull: true },
    update_date_time: { type: DataTypes.DATE, allowNull: true },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('teller_check_record', ['create_master_seq_no'], { name: 'teller_check_record_master' });

  await queryInterface.createTable('resend_to_financial_mapping', {
    seq_no: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
    document_resend_seq_no: { type: DataTypes.INTEGER, allowNull: false },
    file_id: { type: DataTypes.STRING(64), allowNull: false },
    is_delete: { type: DataTypes.BOOLEAN, allowNull: false },
  }, TABLE_OPTIONS);
  await queryInterface.addIndex('resend_to_financial_mapping', ['document_resend_seq_no', 'is_delete'], { name: 'resend_to_financial_mapping_resend' });

  await queryInterface.createTable('financial_statement', {
    file_id: { type: DataTypes.STRING(64), primaryKey: true },
    image_id: { type: DataTypes.STRING(64), allowNull: false },
  }, TABLE_OPTIONS);

  await queryInterface.createTable('member_profile', {
    seq_no: { type: DataTypes.STRING(64), primaryKey: true },
    idno: { type: DataTypes.STRING(20), allowNull: true },
    phone: { type: DataTypes.STRING(20), allowNull: true },
    name: { type: DataTypes.STRING(100), allowNull: true },
  }, TABLE_OPTIONS);
}

export async function down(queryInterface: QueryInterface): Promise<void> {
  for (const table of [
    'member_profile',
    'financial_statement',
    'resend_to_financial_mapping',
    'teller_check_record',
    'pay_taxes',
    'z22_flag_detail',
    'z21_flag_detail',
    'ocr_flag_detail',
    'aml_flag_detail',
    'manual_review_flag',
    'document_resend',
    'create_detail',
    'step_break_point',
    'create_master',
  ]) {
    await queryInterface.dropTable(table);
  }
}
