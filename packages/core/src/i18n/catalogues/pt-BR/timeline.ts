/**
 * @module i18n/catalogues/pt-BR/timeline
 * Brazilian Portuguese translation of the timeline messages (../en/timeline.ts, the reference).
 * Curly quotes around data; past tense with an implied customer subject ("Abriu “…”"); "o app" as
 * Brazilians say it.
 */
import type { timelineMessages as english } from '../en/timeline.ts'
import type { Translation } from '../types.ts'

export const timelineMessages: Translation<typeof english> = {
  'timeline.email.sent': 'E-mail “{subject}” enviado',
  'timeline.email.sentNoSubject': 'E-mail enviado',
  'timeline.email.delivered': '“{subject}” entregue',
  'timeline.email.deliveredNoSubject': 'E-mail entregue',
  'timeline.email.opened': 'Abriu “{subject}”',
  'timeline.email.openedNoSubject': 'Abriu um e-mail',
  'timeline.email.clicked': 'Clicou em um link de “{subject}”',
  'timeline.email.clickedNoSubject': 'Clicou em um link de um e-mail',
  'timeline.email.bounced': '“{subject}” devolvido',
  'timeline.email.bouncedNoSubject': 'E-mail devolvido',
  'timeline.email.spam': 'Marcou “{subject}” como spam',
  'timeline.email.spamNoSubject': 'Marcou um e-mail como spam',
  'timeline.email.unsubscribed': 'Cancelou a inscrição via “{subject}”',
  'timeline.email.unsubscribedNoSubject': 'Cancelou a inscrição nos e-mails',
  'timeline.page.viewed': 'Visualizou {page}',
  'timeline.page.viewedUnknown': 'Visualizou uma página',
  'timeline.screen.viewed': 'Visualizou a tela {screen}',
  'timeline.screen.viewedUnknown': 'Visualizou uma tela',
  'timeline.identify.changed':
    'Perfil atualizado: {count, plural, one {# atributo} other {# atributos}}',
  'timeline.identify.unchanged': 'Perfil identificado, sem alterações',
  'timeline.commerce.searched': 'Pesquisou “{query}”',
  'timeline.commerce.searchedNoQuery': 'Pesquisou produtos',
  'timeline.commerce.productViewed': 'Visualizou {product}',
  'timeline.commerce.productViewedUnknown': 'Visualizou um produto',
  'timeline.commerce.productAdded': 'Adicionou {product} ao carrinho',
  'timeline.commerce.productAddedUnknown': 'Adicionou um produto ao carrinho',
  'timeline.commerce.productRemoved': 'Removeu {product} do carrinho',
  'timeline.commerce.productRemovedUnknown': 'Removeu um produto do carrinho',
  'timeline.commerce.cartViewed':
    'Visualizou o carrinho: {count, plural, one {# item} other {# itens}}',
  'timeline.commerce.cartViewedNoCount': 'Visualizou o carrinho',
  'timeline.commerce.checkoutStarted': 'Iniciou o checkout: {total}',
  'timeline.commerce.checkoutStartedNoTotal': 'Iniciou o checkout',
  'timeline.commerce.orderCompleted': 'Fez um pedido: {total}',
  'timeline.commerce.orderCompletedNoTotal': 'Fez um pedido',
  'timeline.commerce.orderRefunded': 'Pedido reembolsado: {total}',
  'timeline.commerce.orderRefundedNoTotal': 'Pedido reembolsado',
  'timeline.commerce.orderCancelled': 'Pedido cancelado: {total}',
  'timeline.commerce.orderCancelledNoTotal': 'Pedido cancelado',
  'timeline.form.submitted': 'Enviou “{form}”',
  'timeline.form.submittedUnknown': 'Enviou um formulário',
  'timeline.form.leadCreated': 'Tornou-se um lead',
  'timeline.session.appOpened': 'Abriu o app',
  'timeline.session.appBackgrounded': 'Colocou o app em segundo plano',
  'timeline.session.appInstalled': 'Instalou o app',
  'timeline.session.appUpdated': 'Atualizou o app',
  'timeline.session.appUninstalled': 'Desinstalou o app',
  'timeline.session.appClosed': 'Fechou o app',
  'timeline.custom.event': '{name}',
  'timeline.custom.unnamed': 'Evento sem nome',
  'timeline.detail.campaign': 'Campanha',
  'timeline.detail.link': 'Link',
  'timeline.detail.url': 'URL',
  'timeline.detail.reason': 'Motivo',
  'timeline.detail.list': 'Lista',
  'timeline.detail.path': 'Caminho',
  'timeline.detail.referrer': 'Referenciador',
  'timeline.detail.price': 'Preço',
  'timeline.detail.quantity': 'Quantidade',
  'timeline.detail.category': 'Categoria',
  'timeline.detail.total': 'Total',
  'timeline.detail.currency': 'Moeda',
  'timeline.detail.items': 'Itens',
  'timeline.detail.coupon': 'Cupom',
  'timeline.detail.order': 'Pedido',
  'timeline.detail.page': 'Página',
  'timeline.detail.form': 'Formulário',
  'timeline.detail.leadSource': 'Origem do lead',
  'timeline.detail.version': 'Versão',
  'timeline.detail.build': 'Build',
  'timeline.detail.previousVersion': 'Versão anterior',
  'timeline.burst.pages':
    'Visualizou {count, plural, one {# página} other {# páginas}}, a partir de {first}',
  'timeline.burst.pagesNoFirst': 'Visualizou {count, plural, one {# página} other {# páginas}}',
  'timeline.burst.screens':
    'Visualizou {count, plural, one {# tela} other {# telas}}, a partir de {first}',
  'timeline.burst.screensNoFirst': 'Visualizou {count, plural, one {# tela} other {# telas}}',
  'timeline.burst.searches':
    '{count, plural, one {# pesquisa} other {# pesquisas}}, a partir de “{first}”',
  'timeline.burst.searchesNoFirst': '{count, plural, one {# pesquisa} other {# pesquisas}}',
  'timeline.burst.productsViewed': 'Visualizou {count, plural, one {# produto} other {# produtos}}',
  'timeline.burst.productsAdded':
    'Adicionou {count, plural, one {# produto} other {# produtos}} ao carrinho',
  'timeline.burst.productsRemoved':
    'Removeu {count, plural, one {# produto} other {# produtos}} do carrinho',
  'timeline.burst.emailsSent': '{count, plural, one {# e-mail enviado} other {# e-mails enviados}}',
  'timeline.burst.emailsDelivered':
    '{count, plural, one {# e-mail entregue} other {# e-mails entregues}}',
  'timeline.burst.emailsOpened': 'Abriu {count, plural, one {# e-mail} other {# e-mails}}',
  'timeline.burst.emailsClicked':
    'Clicou em {count, plural, one {# link de e-mail} other {# links de e-mail}}',
  'timeline.burst.emailsBounced':
    '{count, plural, one {# e-mail devolvido} other {# e-mails devolvidos}}',
  'timeline.burst.profileUpdates': 'Perfil atualizado {count, plural, one {# vez} other {# vezes}}',
  'timeline.burst.repeated': '{name}, {count, plural, one {# vez} other {# vezes}}',
  'timeline.burst.openedTimes': 'Abriu “{subject}” {count, plural, one {# vez} other {# vezes}}',
  'timeline.burst.openedNoSubjectTimes':
    'Abriu um e-mail {count, plural, one {# vez} other {# vezes}}',
  'timeline.burst.clickedTimes':
    'Clicou em um link de “{subject}” {count, plural, one {# vez} other {# vezes}}',
  'timeline.burst.clickedNoSubjectTimes':
    'Clicou em um link de um e-mail {count, plural, one {# vez} other {# vezes}}',
  'timeline.burst.productViewedTimes':
    'Visualizou {product} {count, plural, one {# vez} other {# vezes}}',
  'timeline.campaign.sent': 'Enviado',
  'timeline.campaign.delivered': 'Entregue',
  'timeline.campaign.opened': 'Aberto',
  'timeline.campaign.clicked': 'Clicado',
  'timeline.campaign.bounced': 'Devolvido',
  'timeline.campaign.spam': 'Marcado como spam',
  'timeline.campaign.unsubscribed': 'Descadastrado',
  /** The panel's cue for rows a live refresh added out of sight. */
  'timeline.panel.newRows': '{count, plural, one {# novo} other {# novos}}',
}
