/**
 * @module relay-contract
 * What crosses from the relay to the browser apps, defined once: the relay answers with these
 * shapes and the apps check every answer against them before rendering. zod/mini only, since the
 * Zendesk sidebar bundles all of it (35 KB gzip budget).
 */
/** `GET …/context`: the customer context (defined with the other customer shapes). */
export { customerContextSchema, type CustomerContext } from '../customer/customer-context.ts'
export { choiceAnswerSchema, rememberedChoiceSchema, type ChoiceAnswer } from './choice-answer.ts'
export { eventsAnswerSchema, type EventsAnswer } from './events-answer.ts'
export { traitsAnswerSchema, type TraitsAnswer } from './traits-answer.ts'
export {
  NO_CUSTOMER_REASONS,
  noCustomerReason,
  PIPEDRIVE_RESOURCES,
  subjectSchema,
  type NoCustomerReason,
  type PipedriveResource,
  type Subject,
} from './pipedrive-subject.ts'
export { noteAnswerSchema, type NoteAnswer } from './pipedrive-note-answer.ts'
export {
  firstPeopleRemark,
  noCustomerText,
  type NoCustomerText,
  type SubjectWithoutCustomer,
} from './no-customer-text.ts'
export {
  RELAY_ERROR_CODES,
  RELAY_ERROR_STATUS,
  relayErrorBodyReadSchema,
  relayErrorBodySchema,
  type RelayErrorBody,
  type RelayErrorCode,
  type RelayErrorStatus,
} from './relay-error-body.ts'
