/**
 * API keys: keys that belong to an account, their verification on every API call, and usage per
 * key and per account. Services: {@link dev.orgkit.apikey.ApiKeys} and {@link dev.orgkit.apikey.Usage}.
 */
@NullMarked
package dev.orgkit.apikey;

import org.jspecify.annotations.NullMarked;
