/** Start-up refused: the message names the config path at fault. */
export class StartupError extends Error {}
