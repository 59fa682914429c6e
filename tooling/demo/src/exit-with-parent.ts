/**
 * Loaded into the demo's relay process (`node --import`): the relay stops, through its own SIGTERM
 * handler, as soon as the process that started it is gone, however that one ended. An `exit`
 * handler in the parent would not do: a killed test worker or a crash runs none.
 */
import process from 'node:process'

// The IPC channel to the parent closes when the parent ends, for whatever reason.
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'))
