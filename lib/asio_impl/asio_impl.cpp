// The one translation unit that holds Asio's, Asio SSL's and Beast's compiled bodies.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
