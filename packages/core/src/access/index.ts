export { AllowList, AllowListError, isLoopbackAddress, isLoopbackHost } from "./allow-list";
export { bindRefusal } from "./bind-check";
export { guardRequests } from "./guard";
export { BrowserPolicy, type BrowserPolicyOptions } from "./browser-policy";
