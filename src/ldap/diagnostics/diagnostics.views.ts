import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import type { DiscoveredAttribute } from './attribute-discovery.js';
import type { DiagnosticStep, StepName } from './diagnostics.service.js';
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

/** "Test connection": the steps up to the first failure, and what was understood of the settings sent. */
export class DiagnosticReportView {
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ enum: SERVER_TYPES, enumName: 'ServerType' }) serverType?: string;
  @ApiProperty({ type: [DiagnosticStepView] }) steps: DiagnosticStepView[];
  @ApiPropertyOptional({ type: [ScopeCountView] }) scopes?: ScopeCountView[];
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
