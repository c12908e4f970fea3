// The rule registry. Every folder under rules/ with a rule.ts is listed here; a test checks that
// no folder is missing and that each folder name equals its rule id.
import { asyncHandlerErrorLeak } from './async-handler-error-leak/rule.js';
import { controllerDbAccess } from './controller-db-access/rule.js';
import { dbWithoutTimeouts } from './db-without-timeouts/rule.js';
import { domainPurity } from './domain-purity/rule.js';
import { fatController } from './fat-controller/rule.js';
import { dtoDomainLeak } from './dto-domain-leak/rule.js';
import { floatingPromise } from './floating-promise/rule.js';
import { httpInService } from './http-in-service/rule.js';
import { layerDirection } from './layer-direction/rule.js';
import { nPlusOne } from './n-plus-one/rule.js';
import { offsetWithoutOrder } from './offset-without-order/rule.js';
import { unboundedQuery } from './unbounded-query/rule.js';
import { missingInputValidation } from './missing-input-validation/rule.js';
import { longWorkInRequest } from './long-work-in-request/rule.js';
import { noCircular } from './no-circular/rule.js';
import { outboundCallWithoutTimeout } from './outbound-call-without-timeout/rule.js';
import { parseError } from './parse-error/rule.js';
import { rawErrorResponse } from './raw-error-response/rule.js';
import { serviceBlob } from './service-blob/rule.js';
import { suppression } from './suppression/rule.js';
import { syncIoInRequest } from './sync-io-in-request/rule.js';
import { weakPasswordHash } from './weak-password-hash/rule.js';
import { hardcodedSecret } from './hardcoded-secret/rule.js';
import { sqlInjection } from './sql-injection/rule.js';
import { codeInjection } from './code-injection/rule.js';
import { jwtNoExpiry } from './jwt-no-expiry/rule.js';
import { insecureCors } from './insecure-cors/rule.js';
import { pathTraversal } from './path-traversal/rule.js';
import { exposedInternals } from './exposed-internals/rule.js';
import { missingRateLimit } from './missing-rate-limit/rule.js';
import type { Rule } from './types.js';
import { unboundedConcurrency } from './unbounded-concurrency/rule.js';
import { unresolvedImport } from './unresolved-import/rule.js';

export const RULES: readonly Rule[] = [layerDirection, domainPurity, noCircular, parseError, unresolvedImport, syncIoInRequest, rawErrorResponse, missingInputValidation, asyncHandlerErrorLeak, fatController, httpInService, floatingPromise, nPlusOne, outboundCallWithoutTimeout, longWorkInRequest, unboundedQuery, unboundedConcurrency, offsetWithoutOrder, dbWithoutTimeouts, serviceBlob, controllerDbAccess, dtoDomainLeak, weakPasswordHash, hardcodedSecret, sqlInjection, codeInjection, jwtNoExpiry, insecureCors, pathTraversal, exposedInternals, missingRateLimit, suppression];
