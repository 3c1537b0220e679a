/// <reference lib="webworker" />
import { RequestRunner } from './request-runner';

// The entry only wires the runner to the worker's messages; the contract is in contract.ts.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const runner = new RequestRunner((message, transfer) => scope.postMessage(message, transfer));
scope.addEventListener('message', (event: MessageEvent) => void runner.receive(event.data));
