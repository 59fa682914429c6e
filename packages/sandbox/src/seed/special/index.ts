/**
 * @module seed/special
 * Every special customer, in a fixed order.
 */
import type { CustomerRecord } from '../../store/types.ts'
import type { SeedContext } from '../regular-customer.ts'
import { powerUser, sharedEmailPair, unicodeCustomers } from './cast.ts'
import { highValueShopper } from './high-value.ts'
import { hostileCustomer } from './hostile.ts'
import { joeBloggs } from './joe-bloggs.ts'
import { longValuesCustomer } from './long-values.ts'
import { quietCustomers } from './quiet.ts'

export function specialCustomers(ctx: SeedContext): CustomerRecord[] {
  return [
    joeBloggs(ctx),
    ...sharedEmailPair(ctx),
    hostileCustomer(ctx),
    longValuesCustomer(ctx),
    powerUser(ctx),
    highValueShopper(ctx),
    ...unicodeCustomers(ctx),
    ...quietCustomers(ctx),
  ]
}
