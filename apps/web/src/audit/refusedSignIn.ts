// A refused sign-in step's words live with the contract: the access log's screen and export say the same.
export { refusedSignIn } from '@portalflow/contract';
