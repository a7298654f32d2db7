import { DataTypes, type Model, type ModelStatic, type Optional, type Sequelize } from 'sequelize';
import { modelAttributes } from '../ColumnShape.js';
import { MEMBER_SHAPE } from './memberShape.js';

export interface MemberRow {
  member_id: string;
  idno: string | null;
  phone: string | null;
  name: string | null;
  account_id: string;
  prod_name: string;
  digital_level: string;
}
export interface EddaCheckRow {
  id: number;
  member_id: string;
  status: string;
  deciding_until: Date | null;
  esb_transaction_id: string | null;
}
export interface EddaCheckHistoryRow {
  id: number;
  edda_check_id: number;
  from_status: string | null;
  to_status: string;
  request_id: string | null;
  changed_at: Date;
}
export interface UpgradeReviewRow {
  id: number;
  member_id: string;
  edda_check_id: number;
  is_pass: boolean;
  outcome: string;
  esb_transaction_id: string | null;
  request_id: string;
  consumer: string;
  reviewed_at: Date;
}

type Auto<T extends { id: number }> = Optional<T, 'id'>;

export interface UpgradeAccountModels {
  Member: ModelStatic<Model<MemberRow, MemberRow>>;
  EddaCheck: ModelStatic<Model<EddaCheckRow, Optional<EddaCheckRow, 'id' | 'deciding_until' | 'esb_transaction_id'>>>;
  EddaCheckHistory: ModelStatic<Model<EddaCheckHistoryRow, Auto<EddaCheckHistoryRow>>>;
  UpgradeReview: ModelStatic<Model<UpgradeReviewRow, Auto<UpgradeReviewRow>>>;
}

const stamped = { underscored: true, timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' } as const;

/** The tables of migration 0001 (with the claim columns of 0006), as Sequelize models. */
export function defineUpgradeAccountModels(sequelize: Sequelize): UpgradeAccountModels {
  const Member = sequelize.define<Model<MemberRow, MemberRow>>(
    'Member',
    modelAttributes(MEMBER_SHAPE),
    { tableName: 'members', ...stamped },
  );
  const EddaCheck = sequelize.define<Model<EddaCheckRow, Optional<EddaCheckRow, 'id' | 'deciding_until' | 'esb_transaction_id'>>>(
    'EddaCheck',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      member_id: { type: DataTypes.STRING(64), allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false },
      deciding_until: DataTypes.DATE(3),
      esb_transaction_id: DataTypes.STRING(40),
    },
    { tableName: 'edda_checks', ...stamped },
  );
  const EddaCheckHistory = sequelize.define<Model<EddaCheckHistoryRow, Auto<EddaCheckHistoryRow>>>(
    'EddaCheckHistory',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      edda_check_id: { type: DataTypes.INTEGER, allowNull: false },
      from_status: DataTypes.STRING(20),
      to_status: { type: DataTypes.STRING(20), allowNull: false },
      request_id: DataTypes.STRING(128),
      changed_at: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'edda_check_history', timestamps: false },
  );
  const UpgradeReview = sequelize.define<Model<UpgradeReviewRow, Auto<UpgradeReviewRow>>>(
    'UpgradeReview',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      member_id: { type: DataTypes.STRING(64), allowNull: false },
      edda_check_id: { type: DataTypes.INTEGER, allowNull: false },
      is_pass: { type: DataTypes.BOOLEAN, allowNull: false },
      outcome: { type: DataTypes.STRING(20), allowNull: false },
      esb_transaction_id: DataTypes.STRING(40),
      request_id: { type: DataTypes.STRING(128), allowNull: false },
      consumer: { type: DataTypes.STRING(64), allowNull: false },
      reviewed_at: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'upgrade_reviews', timestamps: false },
  );
  return { Member, EddaCheck, EddaCheckHistory, UpgradeReview };
}
