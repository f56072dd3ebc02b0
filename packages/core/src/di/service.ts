import type { DependencyContainer } from "tsyringe";
import type { Services } from "./tokens";

export type ServiceToken = keyof Services;

/** `scope.resolve(token)`, typed by the token: `resolveService(scope, CLOCK)` is a `Clock`. */
export function resolveService<T extends ServiceToken>(scope: DependencyContainer, token: T): Services[T] {
  return scope.resolve<Services[T]>(token);
}

/**
 * Registers `value` under `token` in `scope`, typed by the token; it replaces what the scope's parents
 * hold for everything resolved from `scope` (a gateway's mounts, when `scope` is the one it was given).
 */
export function provideService<T extends ServiceToken>(
  scope: DependencyContainer,
  token: T,
  value: Services[T],
): DependencyContainer {
  return scope.register<Services[T]>(token, { useValue: value });
}
