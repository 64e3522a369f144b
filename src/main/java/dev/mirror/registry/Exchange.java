package dev.mirror.registry;

import java.io.InputStream;
import java.net.http.HttpResponse;

/**
 * One layer of a registry's transport: takes a request, does its one job, and hands it to the
 * layer below; the reply comes back up the same way. {@link RegistryTransport} stacks them.
 */
interface Exchange {
  /** The reply, whatever its status; the caller closes its body. */
  HttpResponse<InputStream> send(RegistryRequest request) throws RegistryException;
}
