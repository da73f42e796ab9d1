/**
 * Who is calling: the public API's authentication. A request names its caller with HTTP Basic credentials (checked
 * against an htpasswd file of bcrypt hashes) or an OAuth2 bearer JWT (checked with Spring Security's JWT decoder
 * against a public key or a JWKS endpoint), as the deployment chooses ({@link AuthenticationProperties}); the
 * {@link PublicAuthenticationFilter} answers any other 401/40101 before a handler runs or a body is read, and hands
 * the handlers a {@link UserPrincipal}. With no method chosen every caller is {@link UserPrincipal#ANONYMOUS}.
 */
package dev.streamlog.gateway.auth;
