/**
 * {@code bin/bench}: load against the public HTTP API and the references it is measured against in the same run.
 * {@link dev.streamlog.bench.Bench} parses the command line; {@link dev.streamlog.bench.ProduceLoad} is the
 * closed-loop load; {@link dev.streamlog.bench.Targets} says where the requests go and what they carry;
 * {@link dev.streamlog.bench.ReferenceServer} is the bare Spring MVC endpoint.
 */
package dev.streamlog.bench;
