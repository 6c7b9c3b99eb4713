#pragma once
// The work an import does when it finishes Importing: every row checked, the good ones (warned
// ones included) made members of the program, the counts, message and result files filled in.
#include "fake_marketo/sim/import_job.hpp"
#include "fake_marketo/sim/program_roster.hpp"

namespace fake {

// Leaves job Complete (rows may have failed) or, for a file that cannot be read, Failed.
void run_import(ImportJob& job, ProgramRoster& roster);

// "Import succeeded, 8 records imported (8 members)" and its variants, as the seed words them.
std::string import_message(std::uint64_t imported, std::uint64_t members, std::uint64_t failed,
                           std::uint64_t warned);

}  // namespace fake
