/**
 * @module i18n/catalogues/ja/pipedrive
 * Japanese text for why a Pipedrive record shows no customer. No spaces between words, not even around Latin names; one plural category, and sentences join without a space.
 */
import type { pipedriveMessages as english } from '../en/pipedrive.ts'
import type { Translation } from '../types.ts'

export const pipedriveMessages: Translation<typeof english> = {
  'pipedrive.noCustomer.notFound':
    '{resource, select, deal {Pipedriveにこの取引が見つかりません。} organization {Pipedriveにこの組織が見つかりません。} other {Pipedriveにこの人物が見つかりません。}}',
  'pipedrive.noCustomer.noPerson':
    '{resource, select, deal {この取引には担当者がいません。} organization {この組織には人物がいません。} other {Pipedriveにこの人物が見つかりません。}}',
  'pipedrive.noCustomer.noEmail':
    '{resource, select, deal {この取引の担当者にはメールアドレスがありません。} organization {この組織の人物には誰もメールアドレスがありません。} other {この人物にはメールアドレスがありません。}}',
  'pipedrive.noCustomer.noProfile': '{emails}に一致するIntileryの顧客はいません。',
  'pipedrive.noCustomer.firstPeopleOnly':
    '{count, plural, other {この組織の最初の#人のみを確認しました。}}',
  'pipedrive.noCustomer.withRemark': '{reason}{remark}',
  'pipedrive.panel.openInIntilery': 'Intileryで開く',
  'pipedrive.panel.matchedOn': '{email}で一致しました。',
  'pipedrive.panel.sharedEmail':
    '{count, plural, other {#人のIntilery顧客がこのメールアドレスを共有しています。最近アクティブな顧客を表示しています。}}',
  'pipedrive.panel.chooseCustomer': 'Intileryパネルで選択',
  'pipedrive.panel.openInPipedrive': 'Pipedriveで開く',
  'pipedrive.rollup.header': 'アカウントの概要',
  'pipedrive.rollup.known': '{people, plural, other {#人中}}{known}人がIntileryに登録済み',
  'pipedrive.rollup.totals': '合計額：{totals}',
}
