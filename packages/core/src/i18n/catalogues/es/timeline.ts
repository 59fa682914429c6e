/**
 * @module i18n/catalogues/es/timeline
 * Spanish translation of the timeline messages (../en/timeline.ts, the reference).
 * Angle quotes («…») around data; past tense with an implied customer subject ("Abrió «…»").
 */
import type { timelineMessages as english } from '../en/timeline.ts'
import type { Translation } from '../types.ts'

export const timelineMessages: Translation<typeof english> = {
  'timeline.email.sent': 'Correo «{subject}» enviado',
  'timeline.email.sentNoSubject': 'Correo enviado',
  'timeline.email.delivered': '«{subject}» entregado',
  'timeline.email.deliveredNoSubject': 'Correo entregado',
  'timeline.email.opened': 'Abrió «{subject}»',
  'timeline.email.openedNoSubject': 'Abrió un correo',
  'timeline.email.clicked': 'Hizo clic en un enlace de «{subject}»',
  'timeline.email.clickedNoSubject': 'Hizo clic en un enlace de un correo',
  'timeline.email.bounced': '«{subject}» rebotado',
  'timeline.email.bouncedNoSubject': 'Correo rebotado',
  'timeline.email.spam': 'Marcó «{subject}» como spam',
  'timeline.email.spamNoSubject': 'Marcó un correo como spam',
  'timeline.email.unsubscribed': 'Se dio de baja desde «{subject}»',
  'timeline.email.unsubscribedNoSubject': 'Se dio de baja de los correos',
  'timeline.page.viewed': 'Vio {page}',
  'timeline.page.viewedUnknown': 'Vio una página',
  'timeline.screen.viewed': 'Vio la pantalla {screen}',
  'timeline.screen.viewedUnknown': 'Vio una pantalla',
  'timeline.identify.changed':
    'Perfil actualizado: {count, plural, one {# atributo} other {# atributos}}',
  'timeline.identify.unchanged': 'Perfil identificado, sin cambios',
  'timeline.commerce.searched': 'Buscó «{query}»',
  'timeline.commerce.searchedNoQuery': 'Buscó productos',
  'timeline.commerce.productViewed': 'Vio {product}',
  'timeline.commerce.productViewedUnknown': 'Vio un producto',
  'timeline.commerce.productAdded': 'Añadió {product} al carrito',
  'timeline.commerce.productAddedUnknown': 'Añadió un producto al carrito',
  'timeline.commerce.productRemoved': 'Quitó {product} del carrito',
  'timeline.commerce.productRemovedUnknown': 'Quitó un producto del carrito',
  'timeline.commerce.cartViewed':
    'Vio el carrito: {count, plural, one {# artículo} other {# artículos}}',
  'timeline.commerce.cartViewedNoCount': 'Vio el carrito',
  'timeline.commerce.checkoutStarted': 'Inició el pago: {total}',
  'timeline.commerce.checkoutStartedNoTotal': 'Inició el pago',
  'timeline.commerce.orderCompleted': 'Hizo un pedido: {total}',
  'timeline.commerce.orderCompletedNoTotal': 'Hizo un pedido',
  'timeline.commerce.orderRefunded': 'Pedido reembolsado: {total}',
  'timeline.commerce.orderRefundedNoTotal': 'Pedido reembolsado',
  'timeline.commerce.orderCancelled': 'Pedido cancelado: {total}',
  'timeline.commerce.orderCancelledNoTotal': 'Pedido cancelado',
  'timeline.form.submitted': 'Envió «{form}»',
  'timeline.form.submittedUnknown': 'Envió un formulario',
  'timeline.form.leadCreated': 'Se convirtió en lead',
  'timeline.session.appOpened': 'Abrió la app',
  'timeline.session.appBackgrounded': 'Pasó la app a segundo plano',
  'timeline.session.appInstalled': 'Instaló la app',
  'timeline.session.appUpdated': 'Actualizó la app',
  'timeline.session.appUninstalled': 'Desinstaló la app',
  'timeline.session.appClosed': 'Cerró la app',
  'timeline.custom.event': '{name}',
  'timeline.custom.unnamed': 'Evento sin nombre',
  'timeline.detail.campaign': 'Campaña',
  'timeline.detail.link': 'Enlace',
  'timeline.detail.url': 'URL',
  'timeline.detail.reason': 'Motivo',
  'timeline.detail.list': 'Lista',
  'timeline.detail.path': 'Ruta',
  'timeline.detail.referrer': 'Referente',
  'timeline.detail.price': 'Precio',
  'timeline.detail.quantity': 'Cantidad',
  'timeline.detail.category': 'Categoría',
  'timeline.detail.total': 'Total',
  'timeline.detail.currency': 'Moneda',
  'timeline.detail.items': 'Artículos',
  'timeline.detail.coupon': 'Cupón',
  'timeline.detail.order': 'Pedido',
  'timeline.detail.page': 'Página',
  'timeline.detail.form': 'Formulario',
  'timeline.detail.leadSource': 'Origen del lead',
  'timeline.detail.version': 'Versión',
  'timeline.detail.build': 'Compilación',
  'timeline.detail.previousVersion': 'Versión anterior',
  'timeline.burst.pages': 'Vio {count, plural, one {# página} other {# páginas}}, desde {first}',
  'timeline.burst.pagesNoFirst': 'Vio {count, plural, one {# página} other {# páginas}}',
  'timeline.burst.screens':
    'Vio {count, plural, one {# pantalla} other {# pantallas}}, desde {first}',
  'timeline.burst.screensNoFirst': 'Vio {count, plural, one {# pantalla} other {# pantallas}}',
  'timeline.burst.searches':
    '{count, plural, one {# búsqueda} other {# búsquedas}}, desde «{first}»',
  'timeline.burst.searchesNoFirst': '{count, plural, one {# búsqueda} other {# búsquedas}}',
  'timeline.burst.productsViewed': 'Vio {count, plural, one {# producto} other {# productos}}',
  'timeline.burst.productsAdded':
    'Añadió {count, plural, one {# producto} other {# productos}} al carrito',
  'timeline.burst.productsRemoved':
    'Quitó {count, plural, one {# producto} other {# productos}} del carrito',
  'timeline.burst.emailsSent': '{count, plural, one {# correo enviado} other {# correos enviados}}',
  'timeline.burst.emailsDelivered':
    '{count, plural, one {# correo entregado} other {# correos entregados}}',
  'timeline.burst.emailsOpened': 'Abrió {count, plural, one {# correo} other {# correos}}',
  'timeline.burst.emailsClicked':
    'Hizo clic en {count, plural, one {# enlace de correo} other {# enlaces de correo}}',
  'timeline.burst.emailsBounced':
    '{count, plural, one {# correo rebotado} other {# correos rebotados}}',
  'timeline.burst.profileUpdates':
    'Perfil actualizado {count, plural, one {# vez} other {# veces}}',
  'timeline.burst.repeated': '{name}, {count, plural, one {# vez} other {# veces}}',
  'timeline.burst.openedTimes': 'Abrió «{subject}» {count, plural, one {# vez} other {# veces}}',
  'timeline.burst.openedNoSubjectTimes':
    'Abrió un correo {count, plural, one {# vez} other {# veces}}',
  'timeline.burst.clickedTimes':
    'Hizo clic en un enlace de «{subject}» {count, plural, one {# vez} other {# veces}}',
  'timeline.burst.clickedNoSubjectTimes':
    'Hizo clic en un enlace de un correo {count, plural, one {# vez} other {# veces}}',
  'timeline.burst.productViewedTimes': 'Vio {product} {count, plural, one {# vez} other {# veces}}',
  'timeline.campaign.sent': 'Enviado',
  'timeline.campaign.delivered': 'Entregado',
  'timeline.campaign.opened': 'Abierto',
  'timeline.campaign.clicked': 'Clic',
  'timeline.campaign.bounced': 'Rebotado',
  'timeline.campaign.spam': 'Marcado como spam',
  'timeline.campaign.unsubscribed': 'Baja',
  /** The panel's cue for rows a live refresh added out of sight. */
  'timeline.panel.newRows': '{count, plural, one {# nuevo} other {# nuevos}}',
}
