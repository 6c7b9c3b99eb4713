#include <gtest/gtest.h>

#include "marketo/multipart_form.hpp"
#include "unit/marketo/multipart_reader.hpp"

namespace msync::marketo {
namespace {

TEST(MultipartForm, ABoundaryFoundInTheContentIsNeverUsed) {
  const std::string content = "a,b\n--taken-1\nzz,taken-2\r\n";
  std::vector<std::string> offered{"taken-1", "taken-2", "free-3"};
  std::size_t asked = 0;
  const auto next = [&] { return offered.at(asked++); };
  const std::vector<FormPart> parts{FormPart{"format", "CSV", std::nullopt, ""},
                                    FormPart{"file", content, "f.csv", "text/csv"}};
  const MultipartBody form = encode_multipart(parts, next);
  EXPECT_EQ(asked, 3u);
  EXPECT_EQ(form.content_type, "multipart/form-data; boundary=free-3");
  EXPECT_EQ(form.body,
            "--free-3\r\n"
            "Content-Disposition: form-data; name=\"format\"\r\n"
            "\r\n"
            "CSV\r\n"
            "--free-3\r\n"
            "Content-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n"
            "Content-Type: text/csv\r\n"
            "\r\n" +
                content +
                "\r\n"
                "--free-3--\r\n");
  const auto read = testing::read_multipart(form.body, "free-3");
  ASSERT_TRUE(read);
  ASSERT_EQ(read->size(), 2u);
  EXPECT_EQ((*read)[1].data, content);
}

TEST(MultipartForm, ABoundaryInAFieldValueOrFilenameIsNeverUsedEither) {
  std::vector<std::string> offered{"in-value", "in-name", "ok"};
  std::size_t asked = 0;
  const std::vector<FormPart> parts{FormPart{"status", "x in-value y", std::nullopt, ""},
                                    FormPart{"file", "data", "in-name.csv", "text/csv"}};
  EXPECT_EQ(encode_multipart(parts, [&] { return offered.at(asked++); }).content_type,
            "multipart/form-data; boundary=ok");
}

TEST(MultipartForm, SafeFilenames) {
  EXPECT_EQ(safe_filename("Lead-House-Lannister.csv", "import.csv"), "Lead-House-Lannister.csv");
  EXPECT_EQ(safe_filename("/var/lib/inbound/x.csv", "import.csv"), "x.csv");
  EXPECT_EQ(safe_filename("C:\\in\\y.csv", "import.csv"), "y.csv");
  EXPECT_EQ(safe_filename("a\"b.csv", "import.csv"), "a_b.csv");
  EXPECT_EQ(safe_filename("a\r\nContent-Type: evil\t.csv", "import.csv"), "a__Content-Type: evil_.csv");
  EXPECT_EQ(safe_filename(std::string("a\0b", 3), "import.csv"), "a_b");
  EXPECT_EQ(safe_filename("名簿.csv", "import.csv"), "名簿.csv");
  EXPECT_EQ(safe_filename("", "import.csv"), "import.csv");
  EXPECT_EQ(safe_filename("dir/", "import.csv"), "import.csv");
  EXPECT_EQ(safe_filename("..", "import.csv"), "import.csv");
  const std::string long_name = std::string(199, 'a') + "名";  // the 3-byte character crosses 200
  EXPECT_EQ(safe_filename(long_name, "import.csv"), std::string(199, 'a'));
  EXPECT_EQ(safe_filename(std::string(300, 'b'), "import.csv").size(), 200u);
  const std::string whole = std::string(197, 'a') + "名名";  // the first character ends at 200
  EXPECT_EQ(safe_filename(whole, "import.csv"), std::string(197, 'a') + "名");
}

}  // namespace
}  // namespace msync::marketo
