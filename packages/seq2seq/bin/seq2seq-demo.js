#!/usr/bin/env node
// Committed launcher: exists before the build, so npm can link the command on a fresh install.
require("../dist/cli.js");
