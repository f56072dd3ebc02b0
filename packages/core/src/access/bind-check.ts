import { isLoopbackHost } from "./allow-list";

/**
 * Why the gateway must not listen on `host`, or undefined when it may. The docker sends exchange keys
 * in plain text in every request, so listening beyond loopback is refused unless the user has said who
 * may call.
 */
export function bindRefusal(host: string, allow: readonly string[]): string | undefined {
  if (isLoopbackHost(host) || allow.length > 0) return undefined;
  return (
    `refusing to listen on ${host} without an allow list: FMZ dockers send exchange keys in plain text, so ` +
    `anyone who reaches this port could use them. Keep --host 127.0.0.1 (the default), or say who may call ` +
    `with --allow ADDRESS (repeatable; CIDR ranges such as 192.168.1.0/24 work) or "allow": [...] in the config`
  );
}
