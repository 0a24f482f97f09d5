import { z } from 'zod';

/**
 * Services as data (DESIGN.md §2): everything that differs between the council's portals, so a
 * new portal or council is a new definition file, not new code. The shipped example holds the
 * two Norfolk services from the council's own guides (`main/services/norfolk.services.json`).
 */

const text = (max: number) => z.string().trim().min(1).max(max);

/** One statement the resident must agree to on the account setup screen. */
export const consentStatementSchema = z.strictObject({
  /** Stable id, recorded with the consent. */
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  /** The service's own wording. */
  label: text(500),
  /**
   * The same statement when the invitation covers more than one record ("these records"), so
   * the question, the statement and any error agree in number. Omitted: `label` is used.
   */
  labelPlural: text(500).optional(),
});

/** The consent a service asks for before account setup is submitted (seed steps 12–13). */
export const consentSchema = z.strictObject({
  /** Version of the wording; recorded with the consent so the council knows what was agreed. */
  version: text(40),
  statements: z.array(consentStatementSchema).min(1).max(5),
  /** Where the service's privacy policy is published. */
  privacyPolicyUrl: z.url({ protocol: /^https$/ }),
});

/** Titles of the e-mails the resident will receive, shown as inbox lines so they know what to look for. */
export const emailTitlesSchema = z.strictObject({
  /** Step 1: 'Set up your … Account', carrying the unique code. */
  invite: text(120),
  /** Step 3: 'Accept … Account Invitation', with a link. */
  acceptInvitation: text(120),
  /** Step 6/7: the 6-digit verification code. */
  verificationCode: text(120),
  /** Step 15: 'New … activation'. */
  activation: text(120),
});

/**
 * The names of the fields on the guide's 'Create' page, as that service's guide writes them
 * (seed 000 step 8: "password, confirm password, first name and surname"; seed 003 step 10:
 * 'Given name', 'Surname', 'New Password', 'Confirm New Password').
 */
export const accountFieldLabelsSchema = z.strictObject({
  givenName: text(40),
  surname: text(40),
  newPassword: text(40),
  confirmPassword: text(40),
});

/** The names of the fields on the 'Create' page. */
export type AccountFieldLabels = z.infer<typeof accountFieldLabelsSchema>;

/** The labels of seed 003, used when a service definition does not name its own. */
export const DEFAULT_ACCOUNT_FIELD_LABELS: AccountFieldLabels = {
  givenName: 'Given name',
  surname: 'Surname',
  newPassword: 'New Password',
  confirmPassword: 'Confirm New Password',
};

/** One portal a resident can register for. */
export const serviceDefinitionSchema = z.strictObject({
  /** Stable id used in URLs and the council API. */
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/),
  /** The portal's name as the council writes it. */
  name: text(80),
  /** One sentence shown on the welcome screen under the name. */
  summary: text(300),
  /** Name of the council-wide account the portal uses ('My Norfolk'). */
  accountName: text(60),
  /**
   * Who may already have that account, in the council's words (seed 003: a scaffolding licence,
   * registering a birth): shown under "Do you already have a … account?". Council-specific, so it
   * lives here rather than in the kiosk's own wording.
   */
  existingAccountHint: text(500).optional(),
  emailTitles: emailTitlesSchema,
  /**
   * Which e-mail address the account may use. `invitation`: only the address the invitation
   * went to (seed 003 step 6: "You must use the same email address to which we sent the previous
   * emails"), for signing in and for signing up; the council refuses any other with
   * `email_not_invited`. `any`: the resident may use another address.
   */
  accountEmail: z.enum(['invitation', 'any']).default('invitation'),
  /**
   * The countries (ISO 3166 codes) whose phone numbers the service texts and calls for
   * two-factor sign-in. A number from anywhere else is refused as `country_not_supported`.
   */
  phoneCountries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1).max(20).default(['GB']),
  /** The field names of the 'Create' page, in the service's guide's words. */
  accountFieldLabels: accountFieldLabelsSchema.default(DEFAULT_ACCOUNT_FIELD_LABELS),
  /** Optional steps that exist for this service only. */
  steps: z.strictObject({
    /** Children's Services: a 'Continue' screen after the e-mail is verified (seed 003 step 9). */
    continueAfterEmailVerified: z.boolean(),
  }),
  /** Whether the guide warns that the invitation or the activation may take days. */
  waits: z.strictObject({
    invitationMayTakeDays: z.boolean(),
    activationMayTakeDays: z.boolean(),
  }),
  consent: consentSchema,
});

/** One portal a resident can register for. */
export type ServiceDefinition = z.infer<typeof serviceDefinitionSchema>;

/** A service-definition file: the council and the services it offers at its kiosks. */
export const serviceCatalogSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    council: z.strictObject({ name: text(120) }),
    services: z.array(serviceDefinitionSchema).min(1).max(20),
  })
  .superRefine((catalog, ctx) => {
    const seen = new Set<string>();
    catalog.services.forEach((service, index) => {
      if (seen.has(service.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['services', index, 'id'],
          message: `Duplicate service id "${service.id}"`,
        });
      }
      seen.add(service.id);
    });
  });

/** A validated service-definition file. */
export type ServiceCatalog = z.infer<typeof serviceCatalogSchema>;
