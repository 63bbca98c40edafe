/**
 * The service provider interfaces a host plugs in: {@link dev.orgkit.spi.Storage} and
 * {@link dev.orgkit.spi.Mailer}. Implementations store and send; they never decide a rule.
 */
@NullMarked
package dev.orgkit.spi;

import org.jspecify.annotations.NullMarked;
