#include "unit/http/test_pki.hpp"

#include <fstream>
#include <random>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

namespace msync::http::test {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
  void operator()(X509* cert) const { X509_free(cert); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, KeyFree>;
using CertPtr = std::unique_ptr<X509, CertFree>;

void check(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test PKI: ") + what);
}

KeyPtr make_key() {
  KeyPtr key(EVP_EC_gen("P-256"));
  check(key != nullptr, "EC key generation");
  return key;
}

void add_extension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  check(extension != nullptr, "extension");
  X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
}

// issuer == nullptr: self-signed.
CertPtr make_cert(EVP_PKEY* key, const std::string& common_name, X509* issuer) {
  static long serial = 1;
  CertPtr cert(X509_new());
  check(cert != nullptr, "X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1, 0);
  X509* signer = issuer ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  return cert;
}

void sign(X509* cert, EVP_PKEY* key) { check(X509_sign(cert, key, EVP_sha256()) > 0, "sign"); }

std::string pem(X509* cert) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return text;
}

std::string pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string text(data, static_cast<std::size_t>(size));
  BIO_free(bio);
  return text;
}

}  // namespace

struct TestPki::Keys {
  KeyPtr ca_key;
  CertPtr ca_cert;
};

TestPki::TestPki() : keys_(std::make_unique<Keys>()) {
  std::random_device random;
  dir_ = std::filesystem::temp_directory_path() /
         ("msync-http-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
  std::filesystem::create_directories(dir_);

  keys_->ca_key = make_key();
  keys_->ca_cert = make_cert(keys_->ca_key.get(), "msync test CA", nullptr);
  X509* ca = keys_->ca_cert.get();
  add_extension(ca, ca, NID_basic_constraints, "critical,CA:TRUE");
  add_extension(ca, ca, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension(ca, ca, NID_subject_key_identifier, "hash");
  sign(ca, keys_->ca_key.get());
  std::ofstream(dir_ / "ca.pem") << pem(ca);
}

TestPki::~TestPki() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

std::unique_ptr<boost::asio::ssl::context> TestPki::server_context(const std::string& common_name,
                                                                  const std::string& alt_names) const {
  KeyPtr key = make_key();
  X509* ca = keys_->ca_cert.get();
  CertPtr cert = make_cert(key.get(), common_name, ca);
  add_extension(cert.get(), ca, NID_basic_constraints, "CA:FALSE");
  add_extension(cert.get(), ca, NID_key_usage, "critical,digitalSignature");
  add_extension(cert.get(), ca, NID_ext_key_usage, "serverAuth");
  add_extension(cert.get(), ca, NID_subject_alt_name, alt_names.c_str());
  add_extension(cert.get(), ca, NID_authority_key_identifier, "keyid");
  sign(cert.get(), keys_->ca_key.get());

  auto context = std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls_server);
  const std::string chain = pem(cert.get());
  const std::string private_key = pem(key.get());
  context->use_certificate_chain(boost::asio::buffer(chain));
  context->use_private_key(boost::asio::buffer(private_key), boost::asio::ssl::context::pem);
  return context;
}

}  // namespace msync::http::test
