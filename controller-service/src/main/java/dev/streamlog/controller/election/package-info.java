/**
 * Active/standby: {@link dev.streamlog.controller.election.ControllerElection} runs the Curator
 * leader latch on {@code /controller}; {@link dev.streamlog.controller.election.ActiveController}
 * turns winning into serving (epoch increment, bootstrap, image load, recovery) and runs the admin
 * commands one at a time with fenced writes.
 */
package dev.streamlog.controller.election;
