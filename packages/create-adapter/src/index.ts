export { createAdapter, type CreateAdapterIo } from "./create-adapter";
