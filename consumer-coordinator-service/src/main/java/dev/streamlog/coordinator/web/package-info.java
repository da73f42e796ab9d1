/** The coordinator's internal HTTP routes and the mapping of its errors to the API's codes. */
package dev.streamlog.coordinator.web;
