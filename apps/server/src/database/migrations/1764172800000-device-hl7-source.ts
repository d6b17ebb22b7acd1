import { type MigrationInterface, type QueryRunner, TableColumn, TableUnique } from 'typeorm';

/**
 * A monitor gateway that sends HL7 v2 is known by its messages' header (MSH-3, MSH-4), not by a
 * key; the pair names one device, so no message can be attributed to two.
 */
export class DeviceHl7Source1764172800000 implements MigrationInterface {
  name = 'DeviceHl7Source1764172800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('device', [
      new TableColumn({
        name: 'hl7_sending_application',
        type: 'varchar',
        length: '60',
        isNullable: true,
      }),
      new TableColumn({
        name: 'hl7_sending_facility',
        type: 'varchar',
        length: '60',
        isNullable: true,
      }),
    ]);
    await queryRunner.createUniqueConstraint(
      'device',
      new TableUnique({
        name: 'uq_device_hl7_source',
        columnNames: ['hl7_sending_application', 'hl7_sending_facility'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropUniqueConstraint('device', 'uq_device_hl7_source');
    await queryRunner.dropColumns('device', ['hl7_sending_application', 'hl7_sending_facility']);
  }
}
