import { Controller, Get, Header, Inject, Param, Req, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, CurrentPrincipal, Public } from '../auth/access.decorator';
import { actorOf, type Principal } from '../auth/principal';
import { PATIENT_DATA_READERS } from '../auth/role-groups';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { badRequest } from '../common/vigil.exception';
import { capabilityStatement } from './capability-statement';
import type { FhirEncounter, FhirPatient } from './fhir-resources';
import { FhirService } from './fhir.service';
import {
  encodeCursor,
  parseObservationSearch,
  SearchParameterError,
  type ObservationSearch,
} from './observation-search';
import { FHIR_JSON, OperationOutcomeFilter } from './operation-outcome.filter';

export const FHIR_PATH = 'fhir/r4';

/**
 * FHIR R4, read-only (contract: Interoperability). The CapabilityStatement is public, as FHIR
 * clients fetch it before they authenticate and it names no patient; everything else is for the
 * roles that read patient data in REST, and every read is audited as REST's are.
 */
@ApiTags('fhir')
@ApiBearerAuth()
@Controller(FHIR_PATH)
@UseFilters(OperationOutcomeFilter)
export class FhirController {
  private readonly startedAt = new Date().toISOString();

  constructor(
    private readonly fhir: FhirService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('metadata')
  @Public()
  @Header('Content-Type', FHIR_JSON)
  metadata(@Req() request: Request) {
    return capabilityStatement(baseUrl(request), this.startedAt);
  }

  @Get('Patient/:id')
  @Access({ roles: PATIENT_DATA_READERS })
  @Header('Content-Type', FHIR_JSON)
  patient(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<FhirPatient> {
    return this.fhir.patient(actorOf(principal), id);
  }

  @Get('Encounter/:id')
  @Access({ roles: PATIENT_DATA_READERS })
  @Header('Content-Type', FHIR_JSON)
  encounter(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
  ): Promise<FhirEncounter> {
    return this.fhir.encounter(actorOf(principal), id);
  }

  @Get('Observation')
  @Access({ roles: PATIENT_DATA_READERS })
  @Header('Content-Type', FHIR_JSON)
  async observations(@CurrentPrincipal() principal: Principal, @Req() request: Request) {
    let search: ObservationSearch;
    try {
      search = parseObservationSearch(request.query, this.config.timeZone);
    } catch (error) {
      if (error instanceof SearchParameterError) {
        throw badRequest('VALIDATION_FAILED', error.message, { parameter: error.parameter });
      }
      throw error;
    }
    const page = await this.fhir.observations(actorOf(principal), search);
    const base = baseUrl(request);
    const link = (extra: Array<[string, string]>) =>
      `${base}/Observation?${new URLSearchParams([...search.applied, ...extra]).toString()}`;
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      link: [
        {
          relation: 'self',
          url: link(search.cursor ? [['_cursor', encodeCursor(search.cursor)]] : []),
        },
        ...(page.next ? [{ relation: 'next', url: link([['_cursor', page.next]]) }] : []),
      ],
      entry: page.observations.map((resource) => ({
        fullUrl: `${base}/Observation/${resource.id}`,
        resource,
        search: { mode: 'match' },
      })),
    };
  }
}

/**
 * The endpoint's address as the client reached it (behind the proxy, as forwarded): the path up
 * to the resource type or `metadata`.
 */
function baseUrl(request: Request): string {
  const path = (request.originalUrl.split('?')[0] ?? '').replace(/\/+$/, '');
  return `${request.protocol}://${request.get('host') ?? 'localhost'}${path.slice(0, path.lastIndexOf('/'))}`;
}
