// Signs an OperaDB request the way a wallet-holding client would: ethers' Wallet.signMessage (EIP-191).
// The canonical string is built here independently of the Java code, from the contract's wording.
// Usage: node sign-request.mjs <privateKeyHex> <method> <pathWithQuery> <bodyFile|-> <account> <timestamp> <nonce>
// Prints {"address", "canonical", "headers": {...}} as JSON.
import { Wallet } from "ethers";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const [privateKey, method, path, bodyFile, account, timestamp, nonce] = process.argv.slice(2);
const body = bodyFile === "-" ? Buffer.alloc(0) : readFileSync(bodyFile);
const bodyHash = createHash("sha256").update(body).digest("hex");
const canonical = [method.toUpperCase(), path, bodyHash, account, timestamp, nonce].join("\n");
const wallet = new Wallet(privateKey);
const signature = await wallet.signMessage(canonical);
console.log(JSON.stringify({
  address: wallet.address,
  canonical,
  headers: {
    "X-OperaDB-Actor": wallet.address,
    "X-OperaDB-Timestamp": timestamp,
    "X-OperaDB-Nonce": nonce,
    "X-OperaDB-Signature": signature,
  },
}));
