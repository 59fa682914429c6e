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
  'pipedrive.panel.sharedEmailChosen':
    '{count, plural, other {#人のIntilery顧客がこのメールアドレスを共有しています。Intileryパネルで選ばれた顧客を表示しています。}}',
  'pipedrive.panel.chooseCustomer': 'Intileryパネルで選択',
  'pipedrive.panel.openInPipedrive': 'Pipedriveで開く',
  'pipedrive.rollup.header': 'アカウントの概要',
  'pipedrive.rollup.known': '{people, plural, other {#人中}}{known}人がIntileryに登録済み',
  'pipedrive.rollup.totals': '合計額：{totals}',
  'pipedrive.error.connectIntilery.title': 'Intileryを接続',
  'pipedrive.error.connectIntilery.subtitle':
    'このPipedriveの会社はまだIntileryのワークスペースにリンクされていません。Pipedriveの管理者がアプリをインストールするとリンクされます。',
  'pipedrive.error.connectIntilery.action': 'Intileryを接続',
  'pipedrive.error.connectPipedrive.title': 'Pipedriveを接続',
  'pipedrive.error.connectPipedrive.subtitle':
    'ここに顧客データを表示するには、ご自分のPipedriveユーザーにIntileryアプリをインストールしてください。',
  'pipedrive.error.connectPipedrive.action': '接続',
  'pipedrive.error.reconnect.title': 'Pipedriveを再接続',
  'pipedrive.error.reconnect.subtitle': 'Intileryへの接続が期限切れになったか、取り消されました。',
  'pipedrive.error.reconnect.action': '再接続',
  'pipedrive.error.pipedriveDown.title': 'Pipedriveから応答がありません',
  'pipedrive.error.intileryDown.title': 'Intileryから応答がありません',
  'pipedrive.error.retrySoon': 'しばらくしてから再読み込みしてください。',
  'pipedrive.error.notAuthorized.title': '権限がありません',
  'pipedrive.error.notAuthorized.subtitle': 'ページを再読み込みして、もう一度お試しください。',
  'pipedrive.error.badRequest.title': '不正なリクエスト',
  'pipedrive.error.tooMany.title': 'リクエストが多すぎます',
  'pipedrive.error.tooMany.subtitle': '1分後に再読み込みしてください。',
  'pipedrive.error.refused.title': 'Intileryがアクセスを拒否しました',
  'pipedrive.error.refused.subtitle':
    'リレーのIntilery認証情報を確認するよう管理者に依頼してください。',
  'pipedrive.error.unavailable.title': 'パネルを利用できません',
}
