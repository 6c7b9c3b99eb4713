// Kept apart from make_api.cpp: it is the only part that needs lib/http's implementation, so tests
// that inject fake clients link without it.
#include "marketo/make_api.hpp"

namespace msync::marketo {

ClientFactory http_client_factory(boost::asio::any_io_executor executor, const Settings& settings) {
  return [executor, ca_file = settings.ca_file, proxy = settings.proxy, connect = settings.connect_timeout,
          io = settings.io_timeout](const std::string& origin) {
    http::ClientOptions options;
    options.base_url = origin;
    options.ca_file = ca_file;
    options.proxy = proxy;
    options.connect_timeout = connect;
    options.io_timeout = io;
    return http::make_client(executor, std::move(options));
  };
}

}  // namespace msync::marketo
