import { MAX_PAGE_SIZE } from './observation-search';

/** What Vigil's FHIR endpoint serves: read-only, JSON, behind the same bearer tokens as REST. */
export function capabilityStatement(baseUrl: string, date: string) {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'Vigil',
    kind: 'instance',
    software: { name: 'Vigil' },
    implementation: {
      description: 'Vigil: vital signs of IV ketamine infusion sessions',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Read-only. Every interaction but this statement needs a bearer token of a nurse, physician or auditor (POST /api/v1/auth/login); every read of a patient record is audited.',
        security: {
          service: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'OAuth',
                },
              ],
              text: 'Bearer token',
            },
          ],
        },
        resource: [
          { type: 'Patient', interaction: [{ code: 'read' }] },
          { type: 'Encounter', interaction: [{ code: 'read' }] },
          {
            type: 'Observation',
            supportedProfile: ['vitalsigns', 'heartrate', 'oxygensat', 'resprate', 'bp'].map(
              (profile) => `http://hl7.org/fhir/StructureDefinition/${profile}`,
            ),
            interaction: [{ code: 'search-type' }],
            searchParam: [
              {
                name: 'patient',
                type: 'reference',
                documentation: 'Required: Patient/id or id.',
              },
              { name: 'encounter', type: 'reference', documentation: 'Encounter/id or id.' },
              {
                name: 'code',
                type: 'token',
                documentation:
                  'LOINC: 8867-4 heart rate, 2708-6 or 59408-5 oxygen saturation, 9279-1 respiratory rate, 85354-9 blood pressure panel.',
              },
              {
                name: 'date',
                type: 'date',
                documentation:
                  'Prefixes eq, ge, gt, le, lt; repeat for a range. A date without a time is in the clinic’s time zone.',
              },
              {
                name: '_count',
                type: 'number',
                documentation: `Observations per page, at most ${MAX_PAGE_SIZE}; follow the Bundle's next link for the rest.`,
              },
            ],
          },
        ],
      },
    ],
  };
}
