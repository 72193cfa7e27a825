import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('sync_runs')
export class SyncRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  status: string;

  @Column({ type: 'varchar', length: 16 })
  mode: string;

  @Column({ type: 'varchar', length: 16 })
  trigger: string;

  @Column({ type: 'text' })
  counters: string;

  @Column({ type: 'text', nullable: true })
  progress: string | null;

  @Column({ type: 'text', nullable: true })
  plan: string | null;

  @Column({ name: 'high_water_mark', type: 'varchar', length: 64, nullable: true })
  highWaterMark: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'started_by', type: 'varchar', length: 320, nullable: true })
  startedBy: string | null;

  @Column({ name: 'started_at', type: 'datetime' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'datetime', nullable: true })
  finishedAt: Date | null;
}
