/**
 * @module i18n/catalogues/pt-BR/common
 * Brazilian Portuguese common text (day labels, list tails, empty and error states). Brazilian Portuguese (Intilery is masculine: "o Intilery").
 */
import type { commonMessages as english } from '../en/common.ts'
import type { Translation } from '../types.ts'

export const commonMessages: Translation<typeof english> = {
  'common.today': 'Hoje',
  'common.yesterday': 'Ontem',
  'common.tomorrow': 'Amanhã',
  'common.unknownDate': 'Data desconhecida',
  'common.yes': 'Sim',
  'common.no': 'Não',
  'common.labelValue': '{label}: {value}',
  'common.timeWithRelative': '{time} ({relative})',
  'common.andMore': 'e mais {count}',
  'common.moreCount': 'mais {count}',
  'common.burst.expand':
    '{count, plural, one {Mostrar # evento} other {Mostrar todos os # eventos}}',
  'common.burst.collapse': 'Mostrar menos',
  'common.loading': 'Carregando…',
  'common.loadMore': 'Carregar mais',
  'common.retry': 'Tentar novamente',
  'common.refresh': 'Atualizar',
  'common.copy': 'Copiar',
  'common.copied': 'Copiado',
  'common.filter.all': 'Todos',
  'common.kind.email': 'E-mails',
  'common.kind.page': 'Páginas',
  'common.kind.screen': 'Telas',
  'common.kind.identify': 'Atualizações de perfil',
  'common.kind.commerce': 'Compras',
  'common.kind.form': 'Formulários',
  'common.kind.support': 'Suporte',
  'common.kind.sales': 'Vendas',
  'common.kind.session': 'Sessões no app',
  'common.kind.custom': 'Outros eventos',
  'common.empty.timeline': 'Nenhuma atividade ainda.',
  'common.empty.filtered': 'Nenhuma atividade corresponde a estes filtros.',
  'common.error.notFound': 'Nenhum cliente encontrado no Intilery.',
  'common.error.notFoundFor': 'Nenhum cliente encontrado no Intilery para {identity}.',
  'common.error.manyMatches':
    '{count, plural, one {# cliente encontrado.} other {# clientes encontrados. Escolha um:}}',
  'common.error.rateLimited': 'O Intilery está sobrecarregado. Tente novamente em instantes.',
  'common.error.upstreamDown': 'Não foi possível acessar o Intilery agora.',
  'common.error.relayDown': 'Não foi possível acessar o relay agora.',
  'common.error.timeout': 'O Intilery demorou demais para responder.',
  'common.error.stale': 'Exibindo dados salvos de {time}.',
  'common.error.unauthorized': 'Sua sessão expirou. Recarregue para continuar.',
  'common.error.misconfigured':
    'Este app ainda não foi configurado. Peça a um administrador para verificar as configurações.',
  'common.error.generic': 'Algo deu errado.',
  'common.timeline.title': 'Atividade',
  'common.search.title': 'Não é esta pessoa? Pesquisar no Intilery',
  'common.search.by': 'Pesquisar por',
  'common.search.email': 'E-mail',
  'common.search.userId': 'ID do usuário',
  'common.search.id': 'ID do Intilery',
  'common.search.anonymousId': 'ID anônimo',
  'common.search.value': 'Valor a pesquisar',
  'common.search.submit': 'Pesquisar',
  'common.search.notEmail': 'Isso não é um endereço de e-mail.',
  'common.search.notSearchable': 'O Intilery não consegue pesquisar esse valor.',
  'common.picker.choose': 'Mostrar este cliente',
  'common.note.add': 'Adicionar resumo à nota interna',
  'common.note.added': 'Resumo adicionado à nota interna.',
  'common.filter.eventName': 'Nome do evento',
  'common.filter.from': 'De',
  'common.filter.to': 'Até',
  'common.filter.clear': 'Limpar filtros',
  'common.filter.legend': 'Filtros de atividade',
  'common.filter.kinds': 'Tipos de atividade',
  'common.filter.toggle': '{count, plural, =0 {Filtros} other {Filtros (#)}}',
  'common.stale.banner': 'Não foi possível acessar o Intilery. Dados de {time}.',
  'common.picker.lastActive': 'Última atividade {relative}',
  'common.picker.noActivity': 'Nenhuma atividade ainda',
  'common.picker.orders': '{count, plural, =0 {Nenhum pedido} one {# pedido} other {# pedidos}}',
  'common.picker.ordersLoading': 'Lendo pedidos…',
  'common.picker.ordersFailed': 'Não foi possível ler os pedidos',
  'common.picker.audiences': 'Públicos: {names}',
  'common.choice.chosen':
    '{count, plural, one {Escolhido entre # cliente correspondente.} other {Escolhido entre # clientes correspondentes.}}',
  'common.choice.remembered':
    '{count, plural, one {Escolhido entre # cliente correspondente; a escolha fica salva.} other {Escolhido entre # clientes correspondentes; a escolha fica salva.}}',
  'common.choice.notRemembered':
    '{count, plural, one {Escolhido entre # cliente correspondente. Não foi possível salvar a escolha: você será perguntado de novo na próxima vez.} other {Escolhido entre # clientes correspondentes. Não foi possível salvar a escolha: você será perguntado de novo na próxima vez.}}',
  'common.choice.notForgotten':
    'Não foi possível esquecer a escolha anterior: ela pode aparecer de novo na próxima vez.',
  'common.choice.change': 'Alterar',
  'common.moved.banner':
    '{subject, select, user {Mostrando {name}, não este usuário.} contact {Mostrando {name}, não o contato deste registro.} other {Mostrando {name}, não o solicitante deste ticket.}}',
  'common.moved.back':
    '{subject, select, user {Voltar ao usuário} contact {Voltar ao contato do registro} other {Voltar ao solicitante}}',
  'common.note.confirm':
    '{subject, select, user {{name} não é este usuário. Adicionar o resumo mesmo assim?} contact {{name} não é o contato deste registro. Adicionar o resumo mesmo assim?} other {{name} não é o solicitante deste ticket. Adicionar o resumo mesmo assim?}}',
  'common.note.confirmAdd': 'Adicionar mesmo assim',
  'common.note.cancel': 'Cancelar',
  'common.error.rejectedInstallation':
    'O relay não aceitou as solicitações desta instalação. Um administrador deve verificar se o segredo compartilhado do app é o mesmo definido no relay.',
  'common.error.relayUnreachable':
    'Nenhum relay respondeu na URL do relay do app. Um administrador deve verificar essa configuração e se o relay do Intilery Connect está em execução.',
  'common.error.upstreamCredentials':
    'O Intilery recusou as credenciais do relay. Um administrador deve verificar o token do Intilery no relay.',
  'common.filter.badRange': '“De” é depois de “Até”: as datas não são aplicadas.',
  'common.setup.relayUrlMissing':
    'A configuração “Relay URL” está vazia. Um administrador deve informar o endereço do seu relay do Intilery Connect, por exemplo {example}, em {where}.',
  'common.setup.relayUrlInvalid':
    'A configuração “Relay URL” (“{value}”) não é um endereço web. Um administrador deve informar o endereço do seu relay do Intilery Connect, por exemplo {example}, em {where}.',
  'common.setup.relayUrlNotHttps':
    'A configuração “Relay URL” (“{value}”) deve começar com {https}. Um administrador deve corrigi-la em {where}.',
  'common.setup.relayHostNotBuilt':
    'A configuração “Relay URL” aponta para {host}, mas esta cópia do app foi criada para {builtFor}, e o Zendesk só envia solicitações assinadas aos hosts para os quais o app foi criado. Um administrador deve corrigir a configuração em {where}, ou criar o app para {host} (ZENDESK_RELAY_DOMAINS={host}) e enviá-lo novamente.',
  'common.setup.couldNotStart': 'O app do Intilery não pôde iniciar: {reason}',
}
