import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of this response (server.js makes one per request). Only the
// server knows it: browsers hide nonce attributes from scripts, so on the client it is undefined,
// and only the server-rendered inline scripts need it.
const NonceContext = createContext<string | undefined>(undefined);

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}
