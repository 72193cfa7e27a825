import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import type { DiscoveredAttribute } from './attribute-discovery.js';
import type { DiagnosticStep, ServerReport, SrvReport, StepName } from './diagnostics.service.js';
import { SERVER_TYPES } from '../flavours/index.js';

const STEP_NAMES = ['resolve', 'connect', 'tls', 'bind', 'search'] as const;

/** One step of the connection test. */
export class DiagnosticStepView implements DiagnosticStep {
  @ApiProperty({ enum: STEP_NAMES, enumName: 'DiagnosticStepName' }) step: StepName;
  @ApiProperty() ok: boolean;
  @ApiProperty() ms: number;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: 'on failure: what to check, in plain words' }) hint?: string;
  @ApiPropertyOptional({ description: 'on failure: the error code, e.g. INVALID_CREDENTIALS' }) code?: string;
  @ApiPropertyOptional({ type: [String] }) warnings?: string[];
}

/** Users found in one search scope. */
export class ScopeCountView {
  @ApiProperty() dn: string;
  @ApiProperty() filter: string;
  @ApiProperty() users: number;
  @ApiProperty({ description: 'true when counting stopped at 10,000' }) capped: boolean;
}

const SERVER_SOURCES = ['host', 'backup', 'dns-srv'] as const;

/** One server's test: its steps up to the first failure. */
export class ServerReportView implements ServerReport {
  @ApiProperty() host: string;
  @ApiProperty() port: number;
  @ApiProperty({
    enum: SERVER_SOURCES,
    enumName: 'ServerSource',
    description: 'where the server was listed: host, backupServers, or a DNS SRV record of srvDomain',
  })
  source: ServerReport['source'];
  @ApiProperty({ description: 'every step passed' }) ok: boolean;
  @ApiProperty({ description: 'the TCP connection was established' }) reachable: boolean;
  @ApiPropertyOptional({ enum: SERVER_TYPES, enumName: 'ServerType' }) serverType?: string;
  @ApiProperty({ type: [DiagnosticStepView] }) steps: DiagnosticStepView[];
  @ApiPropertyOptional({ type: [ScopeCountView] }) scopes?: ScopeCountView[];
}

/** One SRV record as dialled (ssl reads port 389 of _ldap._tcp as 636). */
export class SrvRecordView {
  @ApiProperty() host: string;
  @ApiProperty() port: number;
  @ApiProperty() priority: number;
  @ApiProperty() weight: number;
}

/** The DNS SRV lookup of srvDomain. */
export class SrvReportView implements SrvReport {
  @ApiProperty() domain: string;
  @ApiProperty({ description: 'the record name asked, e.g. _ldap._tcp.example.com' }) name: string;
  @ApiProperty({ description: 'false when the lookup failed (records then hold the last good answer, if any)' })
  ok: boolean;
  @ApiProperty({ type: [SrvRecordView], description: 'in the order they are tried (RFC 2782)' })
  records: SrvRecordView[];
  @ApiProperty() message: string;
}

/**
 * "Test connection": every server, and what was understood of the settings sent. `ok`, `steps`,
 * `serverType` and `scopes` are those of the first reachable server (the first server when none is
 * reachable), as before several servers existed.
 */
export class DiagnosticReportView {
  @ApiProperty({ description: 'the first reachable server passed every step' }) ok: boolean;
  @ApiPropertyOptional({ enum: SERVER_TYPES, enumName: 'ServerType' }) serverType?: string;
  @ApiProperty({ type: [DiagnosticStepView], description: "the first reachable server's steps" })
  steps: DiagnosticStepView[];
  @ApiPropertyOptional({ type: [ScopeCountView] }) scopes?: ScopeCountView[];
  @ApiProperty({ type: [ServerReportView], description: 'host, then backup servers, then SRV records, in order' })
  servers: ServerReportView[];
  @ApiPropertyOptional({ type: SrvReportView, description: 'only when srvDomain is set' }) srv?: SrvReportView;
  @ApiProperty({ type: [String], description: 'one line per server that failed, and a failed SRV lookup' })
  warnings: string[];
  @ApiProperty({ type: [String] }) notes: string[];
}

/** An attribute seen in the sample. */
export class DiscoveredAttributeView implements DiscoveredAttribute {
  @ApiProperty() name: string;
  @ApiProperty() example: string;
  @ApiProperty({ description: 'how many sampled entries carry it' }) entries: number;
}

/** A proposed attribute mapping: only the fields a likely attribute was found for. */
export class ProposedMappingView {
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() firstName?: string;
  @ApiPropertyOptional() lastName?: string;
  @ApiPropertyOptional() jobTitle?: string;
  @ApiPropertyOptional() phone?: string;
}

/** "Connect & Fetch Attributes". */
export class AttributesReportView {
  @ApiProperty({ type: [DiscoveredAttributeView] }) attributes: DiscoveredAttributeView[];
  @ApiProperty() sampled: number;
  @ApiProperty({ type: ProposedMappingView }) proposedMapping: ProposedMappingView;
}
