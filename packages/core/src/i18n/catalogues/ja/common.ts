/**
 * @module i18n/catalogues/ja/common
 * Japanese common text (day labels, list tails, empty and error states). No spaces between words; full-width punctuation (：（）). Japanese has one plural category, so =1 covers the singular wording.
 */
import type { commonMessages as english } from '../en/common.ts'
import type { Translation } from '../types.ts'

export const commonMessages: Translation<typeof english> = {
  'common.today': '今日',
  'common.yesterday': '昨日',
  'common.tomorrow': '明日',
  'common.unknownDate': '日付不明',
  'common.yes': 'はい',
  'common.no': 'いいえ',
  'common.labelValue': '{label}：{value}',
  'common.timeWithRelative': '{time}（{relative}）',
  'common.andMore': 'ほか{count}件',
  'common.moreCount': 'ほか{count}件',
  'common.burst.expand':
    '{count, plural, =1 {1件のイベントを表示} other {#件のイベントをすべて表示}}',
  'common.burst.collapse': '折りたたむ',
  'common.loading': '読み込み中…',
  'common.loadMore': 'さらに読み込む',
  'common.retry': '再試行',
  'common.refresh': '更新',
  'common.copy': 'コピー',
  'common.copied': 'コピーしました',
  'common.filter.all': 'すべて',
  'common.kind.email': 'メール',
  'common.kind.page': 'ページ',
  'common.kind.screen': '画面',
  'common.kind.identify': 'プロフィール更新',
  'common.kind.commerce': 'ショッピング',
  'common.kind.form': 'フォーム',
  'common.kind.support': 'サポート',
  'common.kind.sales': '営業',
  'common.kind.session': 'アプリセッション',
  'common.kind.custom': 'その他のイベント',
  'common.empty.timeline': 'アクティビティはまだありません。',
  'common.empty.filtered': '条件に一致するアクティビティはありません。',
  'common.error.notFound': 'Intileryに該当する顧客が見つかりません。',
  'common.error.notFoundFor': '{identity}に該当する顧客がIntileryに見つかりません。',
  'common.error.manyMatches':
    '{count, plural, =1 {1件の顧客が一致しました。} other {#件の顧客が一致しました。1件選択してください：}}',
  'common.error.rateLimited': 'Intileryが混み合っています。しばらくしてから再試行してください。',
  'common.error.upstreamDown': '現在Intileryに接続できません。',
  'common.error.relayDown': '現在リレーに接続できません。',
  'common.error.timeout': 'Intileryの応答がタイムアウトしました。',
  'common.error.stale': '{time}時点の保存済みデータを表示しています。',
  'common.error.unauthorized': 'セッションの有効期限が切れました。再読み込みしてください。',
  'common.error.misconfigured':
    'このアプリはまだ設定されていません。管理者に設定の確認を依頼してください。',
  'common.error.generic': '問題が発生しました。',
  'common.timeline.title': 'アクティビティ',
  'common.search.title': 'この人ではありませんか？Intileryで検索',
  'common.search.by': '検索条件',
  'common.search.email': 'メール',
  'common.search.userId': 'ユーザーID',
  'common.search.id': 'Intilery ID',
  'common.search.anonymousId': '匿名ID',
  'common.search.value': '検索する値',
  'common.search.submit': '検索',
  'common.search.notEmail': 'メールアドレスではありません。',
  'common.search.notSearchable': 'この値はIntileryで検索できません。',
  'common.picker.choose': 'この顧客を表示',
  'common.note.add': '概要を社内メモに追加',
  'common.note.added': '概要を社内メモに追加しました。',
  'common.filter.eventName': 'イベント名',
  'common.filter.from': '開始',
  'common.filter.to': '終了',
  'common.filter.clear': 'フィルターをクリア',
  'common.filter.legend': 'アクティビティのフィルター',
  'common.filter.kinds': 'アクティビティの種類',
  'common.filter.toggle': '{count, plural, =0 {フィルター} other {フィルター（#）}}',
  'common.stale.banner': 'Intileryに接続できません。{time}時点のデータを表示しています。',
  'common.picker.lastActive': '最終アクティブ：{relative}',
  'common.picker.noActivity': 'アクティビティはまだありません',
  'common.picker.orders': '{count, plural, =0 {注文なし} other {注文#件}}',
  'common.picker.ordersLoading': '注文を読み込み中…',
  'common.picker.ordersFailed': '注文を読み込めませんでした',
  'common.picker.audiences': 'オーディエンス：{names}',
  'common.choice.chosen': '{count, plural, other {一致する#件の顧客から選択しました。}}',
  'common.choice.remembered':
    '{count, plural, other {一致する#件の顧客から選択しました。選択を保存しました。}}',
  'common.choice.notRemembered':
    '{count, plural, other {一致する#件の顧客から選択しました。選択を保存できませんでした。次回もう一度選択が必要です。}}',
  'common.choice.notForgotten':
    '以前の選択を削除できませんでした。次回また表示される可能性があります。',
  'common.choice.change': '変更',
  'common.moved.banner':
    '{subject, select, user {このユーザーではなく{name}を表示しています。} contact {このレコードの連絡先ではなく{name}を表示しています。} other {このチケットのリクエスターではなく{name}を表示しています。}}',
  'common.moved.back':
    '{subject, select, user {ユーザーに戻る} contact {レコードの連絡先に戻る} other {リクエスターに戻る}}',
  'common.note.confirm':
    '{subject, select, user {{name}はこのユーザーではありません。それでも概要を追加しますか？} contact {{name}はこのレコードの連絡先ではありません。それでも概要を追加しますか？} other {{name}はこのチケットのリクエスターではありません。それでも概要を追加しますか？}}',
  'common.note.confirmAdd': 'それでも追加',
  'common.note.cancel': 'キャンセル',
  'common.error.rejectedInstallation':
    'リレーがこのインストールからのリクエストを受け付けませんでした。管理者はアプリの共有シークレットがリレーの設定と一致しているか確認してください。',
  'common.error.relayUnreachable':
    'アプリのリレーURLでリレーが応答しませんでした。管理者はこの設定と、Intilery Connectのリレーが稼働していることを確認してください。',
  'common.error.upstreamCredentials':
    'リレーのIntilery認証情報が拒否されました。管理者はリレーのIntileryトークンを確認してください。',
  'common.filter.badRange': '「開始」が「終了」より後です。日付は適用されません。',
  'common.setup.relayUrlMissing':
    '「Relay URL」設定が空です。管理者が{where}でIntilery Connectのリレーのアドレス（例: {example}）を設定してください。',
  'common.setup.relayUrlInvalid':
    '「Relay URL」設定（「{value}」）はWebアドレスではありません。管理者が{where}でIntilery Connectのリレーのアドレス（例: {example}）を設定してください。',
  'common.setup.relayUrlNotHttps':
    '「Relay URL」設定（「{value}」）は{https}で始まる必要があります。管理者が{where}で修正してください。',
  'common.setup.relayHostNotBuilt':
    '「Relay URL」設定は{host}を指していますが、このアプリは{builtFor}向けにビルドされており、Zendeskは署名付きリクエストをアプリのビルド対象ホストにしか送信しません。管理者が{where}で設定を修正するか、{host}向けにアプリをビルドして（ZENDESK_RELAY_DOMAINS={host}）再度アップロードしてください。',
  'common.setup.couldNotStart': 'Intileryアプリを開始できませんでした: {reason}',
}
