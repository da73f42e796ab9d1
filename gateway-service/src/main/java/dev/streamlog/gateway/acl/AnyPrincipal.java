package dev.streamlog.gateway.acl;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a route every authenticated caller may use, whatever the ACLs say (as Kafka answers cluster and broker
 * metadata to everyone). Every other route's handler takes an {@link Access} and checks its operation; a test
 * holds every handler of the gateway to one of the two.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AnyPrincipal {
}
