import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { RedFlagKind, RedFlagStatus } from '@mashang/shared';

// The tables of 大数据比对. Every ID number in them is a keyed hash plus the masked form: enough to
// match lists against each other and to show the township who is meant, never the number itself.

/** A village cadre, or a relative the township entered, kept by the township. */
@Entity('cadre_roster')
export class CadreRosterEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'village_code', type: 'varchar', length: 12 }) villageCode: string;
  @Column({ type: 'varchar', length: 20 }) name: string;
  @Column({ name: 'id_hash', type: 'varchar', length: 64 }) idHash: string;
  @Column({ name: 'id_masked', type: 'varchar', length: 18 }) idMasked: string;
  @Column({ type: 'varchar', length: 40 }) position: string;
  @Column({ name: 'created_at', type: 'datetime' }) createdAt: Date;
}

/** A person the township's list says has died. */
@Entity('deceased_persons')
export class DeceasedPersonEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'township_code', type: 'varchar', length: 9 }) townshipCode: string;
  @Column({ type: 'varchar', length: 20 }) name: string;
  @Column({ name: 'id_hash', type: 'varchar', length: 64 }) idHash: string;
  @Column({ name: 'id_masked', type: 'varchar', length: 18 }) idMasked: string;
  @Column({ name: 'died_on', type: 'varchar', length: 10 }) diedOn: string;
  @Column({ name: 'created_at', type: 'datetime' }) createdAt: Date;
}

/** What one line of a county's list of a subsidy type may pay, in fen. */
@Entity('subsidy_standards')
export class SubsidyStandardEntity {
  @PrimaryColumn({ name: 'county_code', type: 'varchar', length: 6 }) countyCode: string;
  @PrimaryColumn({ name: 'disclosure_type', type: 'varchar', length: 30 }) disclosureType: string;
  @Column({ name: 'min_fen', type: 'bigint' }) minFen: string;
  @Column({ name: 'max_fen', type: 'bigint' }) maxFen: string;
  @Column({ name: 'updated_by', type: 'int' }) updatedBy: number;
  @Column({ name: 'updated_at', type: 'datetime' }) updatedAt: Date;
}

/** Who is on which line of the current version of each published list. */
@Entity('recipient_index')
export class RecipientIndexEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'disclosure_id', type: 'int' }) disclosureId: number;
  @Column({ name: 'version_no', type: 'int' }) versionNo: number;
  @Column({ name: 'village_code', type: 'varchar', length: 12 }) villageCode: string;
  @Column({ name: 'disclosure_type', type: 'varchar', length: 30 }) disclosureType: string;
  @Column({ type: 'varchar', length: 20 }) period: string;
  @Column({ name: 'row_index', type: 'int' }) rowIndex: number;
  @Column({ name: 'id_hash', type: 'varchar', length: 64 }) idHash: string;
}

/** A version of a list already compared; removing its row asks for the comparison again. */
@Entity('red_flag_checks')
export class RedFlagCheckEntity {
  @PrimaryColumn({ name: 'disclosure_id', type: 'int' }) disclosureId: number;
  @PrimaryColumn({ name: 'version_no', type: 'int' }) versionNo: number;
  @Column({ name: 'checked_at', type: 'datetime' }) checkedAt: Date;
}

@Entity('red_flags')
export class RedFlagEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'finding_key', type: 'varchar', length: 160, unique: true }) findingKey: string;
  @Column({ type: 'varchar', length: 30 }) kind: RedFlagKind;
  @Column({ type: 'varchar', length: 10 }) status: RedFlagStatus;
  @Column({ name: 'disclosure_id', type: 'int' }) disclosureId: number;
  @Column({ name: 'version_no', type: 'int' }) versionNo: number;
  @Column({ name: 'village_code', type: 'varchar', length: 12 }) villageCode: string;
  @Column({ name: 'row_index', type: 'int' }) rowIndex: number;
  @Column({ type: 'text' }) evidence: string;
  @Column({ name: 'raised_at', type: 'datetime' }) raisedAt: Date;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  @Column({ name: 'resolved_by', type: 'int', nullable: true }) resolvedBy: number | null;
  @Column({ name: 'resolved_at', type: 'datetime', nullable: true }) resolvedAt: Date | null;
  @Column({ name: 'report_no', type: 'varchar', length: 16, nullable: true }) reportNo: string | null;
}

export const RED_FLAG_ENTITIES = [
  CadreRosterEntity,
  DeceasedPersonEntity,
  SubsidyStandardEntity,
  RecipientIndexEntity,
  RedFlagCheckEntity,
  RedFlagEntity,
];
