/**
 * @module i18n/catalogues/es/common
 * Spanish common text (day labels, list tails, empty and error states). Neutral Spanish; sentences use tú, as most Spanish-language SaaS interfaces do.
 */
import type { commonMessages as english } from '../en/common.ts'
import type { Translation } from '../types.ts'

export const commonMessages: Translation<typeof english> = {
  'common.today': 'Hoy',
  'common.yesterday': 'Ayer',
  'common.tomorrow': 'Mañana',
  'common.unknownDate': 'Fecha desconocida',
  'common.yes': 'Sí',
  'common.no': 'No',
  'common.labelValue': '{label}: {value}',
  'common.timeWithRelative': '{time} ({relative})',
  'common.andMore': 'y {count} más',
  'common.moreCount': '{count} más',
  'common.burst.expand': '{count, plural, one {Mostrar # evento} other {Mostrar los # eventos}}',
  'common.burst.collapse': 'Mostrar menos',
  'common.loading': 'Cargando…',
  'common.loadMore': 'Cargar más',
  'common.retry': 'Reintentar',
  'common.refresh': 'Actualizar',
  'common.copy': 'Copiar',
  'common.copied': 'Copiado',
  'common.filter.all': 'Todo',
  'common.kind.email': 'Correos',
  'common.kind.page': 'Páginas',
  'common.kind.screen': 'Pantallas',
  'common.kind.identify': 'Cambios de perfil',
  'common.kind.commerce': 'Compras',
  'common.kind.form': 'Formularios',
  'common.kind.support': 'Soporte',
  'common.kind.sales': 'Ventas',
  'common.kind.session': 'Sesiones de la app',
  'common.kind.custom': 'Otros eventos',
  'common.empty.timeline': 'Aún no hay actividad.',
  'common.empty.filtered': 'Ninguna actividad coincide con estos filtros.',
  'common.error.notFound': 'No se encontró ningún cliente en Intilery.',
  'common.error.notFoundFor': 'No se encontró ningún cliente en Intilery para {identity}.',
  'common.error.manyMatches':
    '{count, plural, one {Coincide # cliente.} other {Coinciden # clientes. Elige uno:}}',
  'common.error.rateLimited': 'Intilery está ocupado. Inténtalo de nuevo en un momento.',
  'common.error.upstreamDown': 'No se puede conectar con Intilery en este momento.',
  'common.error.relayDown': 'No se puede conectar con el relay en este momento.',
  'common.error.timeout': 'Intilery tardó demasiado en responder.',
  'common.error.stale': 'Se muestran datos guardados del {time}.',
  'common.error.unauthorized': 'Tu sesión ha caducado. Vuelve a cargar para continuar.',
  'common.error.misconfigured':
    'Esta app aún no está configurada. Pide a un administrador que revise sus ajustes.',
  'common.error.generic': 'Algo salió mal.',
  'common.timeline.title': 'Actividad',
  'common.search.title': '¿No es esta persona? Buscar en Intilery',
  'common.search.by': 'Buscar por',
  'common.search.email': 'Correo electrónico',
  'common.search.userId': 'ID de usuario',
  'common.search.id': 'ID de Intilery',
  'common.search.anonymousId': 'ID anónimo',
  'common.search.value': 'Valor que buscar',
  'common.search.submit': 'Buscar',
  'common.search.notEmail': 'Eso no es una dirección de correo electrónico.',
  'common.search.notSearchable': 'Intilery no puede buscar ese valor.',
  'common.picker.choose': 'Mostrar este cliente',
  'common.note.add': 'Añadir resumen a la nota interna',
  'common.note.added': 'Resumen añadido a la nota interna.',
  'common.filter.eventName': 'Nombre del evento',
  'common.filter.from': 'Desde',
  'common.filter.to': 'Hasta',
  'common.filter.clear': 'Quitar filtros',
  'common.filter.legend': 'Filtros de actividad',
  'common.filter.kinds': 'Tipos de actividad',
  'common.filter.toggle': '{count, plural, =0 {Filtros} other {Filtros (#)}}',
  'common.stale.banner': 'No se puede contactar con Intilery. Datos a fecha de {time}.',
  'common.picker.lastActive': 'Última actividad {relative}',
  'common.picker.noActivity': 'Sin actividad todavía',
  'common.picker.orders': '{count, plural, =0 {Sin pedidos} one {# pedido} other {# pedidos}}',
  'common.picker.ordersLoading': 'Leyendo pedidos…',
  'common.picker.ordersFailed': 'No se pudieron leer los pedidos',
  'common.picker.audiences': 'Audiencias: {names}',
  'common.choice.chosen':
    '{count, plural, one {Elegido entre # cliente coincidente.} other {Elegido entre # clientes coincidentes.}}',
  'common.choice.remembered':
    '{count, plural, one {Elegido entre # cliente coincidente; la elección queda guardada.} other {Elegido entre # clientes coincidentes; la elección queda guardada.}}',
  'common.choice.notRemembered':
    '{count, plural, one {Elegido entre # cliente coincidente. No se pudo guardar la elección: se le volverá a preguntar la próxima vez.} other {Elegido entre # clientes coincidentes. No se pudo guardar la elección: se le volverá a preguntar la próxima vez.}}',
  'common.choice.notForgotten':
    'No se pudo olvidar la elección anterior: puede volver a mostrarse la próxima vez.',
  'common.choice.change': 'Cambiar',
  'common.moved.banner':
    '{subject, select, user {Se muestra a {name}, no a este usuario.} contact {Se muestra a {name}, no al contacto de este registro.} other {Se muestra a {name}, no al solicitante de este ticket.}}',
  'common.moved.back':
    '{subject, select, user {Volver al usuario} contact {Volver al contacto del registro} other {Volver al solicitante}}',
  'common.note.confirm':
    '{subject, select, user {{name} no es este usuario. ¿Añadir su resumen de todos modos?} contact {{name} no es el contacto de este registro. ¿Añadir su resumen de todos modos?} other {{name} no es el solicitante de este ticket. ¿Añadir su resumen de todos modos?}}',
  'common.note.confirmAdd': 'Añadir de todos modos',
  'common.note.cancel': 'Cancelar',
  'common.error.rejectedInstallation':
    'El relé no aceptó las solicitudes de esta instalación. Un administrador debe comprobar que el secreto compartido de la app es el configurado en el relé.',
  'common.error.relayUnreachable':
    'Ningún relay respondió en la URL del relay de la aplicación. Un administrador debe revisar ese ajuste y comprobar que el relay de Intilery Connect está en marcha.',
  'common.error.upstreamCredentials':
    'Intilery rechazó las credenciales del relé. Un administrador debe comprobar el token de Intilery del relé.',
  'common.filter.badRange': '«Desde» es posterior a «Hasta»: las fechas no se aplican.',
  'common.setup.relayUrlMissing':
    'El ajuste «Relay URL» está vacío. Un administrador debe indicar la dirección de su relay de Intilery Connect, por ejemplo {example}, en {where}.',
  'common.setup.relayUrlInvalid':
    'El ajuste «Relay URL» («{value}») no es una dirección web. Un administrador debe indicar la dirección de su relay de Intilery Connect, por ejemplo {example}, en {where}.',
  'common.setup.relayUrlNotHttps':
    'El ajuste «Relay URL» («{value}») debe empezar por {https}. Un administrador debe corregirlo en {where}.',
  'common.setup.relayHostNotBuilt':
    'El ajuste «Relay URL» apunta a {host}, pero esta copia de la app se creó para {builtFor}, y Zendesk solo envía sus solicitudes firmadas a los hosts para los que se creó la app. Un administrador debe corregir el ajuste en {where}, o crear la app para {host} (ZENDESK_RELAY_DOMAINS={host}) y volver a subirla.',
  'common.setup.couldNotStart': 'La app de Intilery no pudo iniciarse: {reason}',
}
