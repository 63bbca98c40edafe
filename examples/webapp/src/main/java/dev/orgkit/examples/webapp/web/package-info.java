/**
 * What every page shares: the header with the active account, the answers of the policy engine for
 * showing controls, and forms that show refusals and field errors next to where they happened.
 */
@NullMarked
package dev.orgkit.examples.webapp.web;

import org.jspecify.annotations.NullMarked;
