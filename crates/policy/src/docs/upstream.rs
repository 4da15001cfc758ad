//! The rules of the tools ballast replaces, so the parity table can prove nothing is lost.

/// hadolint's DL rules, as of hadolint 2.15 (codes and their one-line titles).
pub const HADOLINT: &[(&str, &str)] = &[
    ("DL1001", "Please refrain from using inline ignore pragmas"),
    ("DL3000", "Use absolute WORKDIR"),
    (
        "DL3001",
        "Commands that make no sense in a container (ssh, vim, shutdown, service, ps, ...)",
    ),
    ("DL3002", "Last USER should not be root"),
    ("DL3003", "Use WORKDIR to switch to a directory"),
    ("DL3004", "Do not use sudo"),
    ("DL3005", "Do not use apt-get dist-upgrade"),
    ("DL3006", "Always tag the version of an image explicitly"),
    ("DL3007", "Using latest is prone to errors"),
    ("DL3008", "Pin versions in apt-get install"),
    (
        "DL3009",
        "Delete the apt-get lists after installing something",
    ),
    ("DL3010", "Use ADD for extracting archives into an image"),
    ("DL3011", "Valid UNIX ports range from 0 to 65535"),
    ("DL3012", "Multiple HEALTHCHECK instructions"),
    ("DL3013", "Pin versions in pip"),
    ("DL3014", "Use the -y switch with apt-get install"),
    (
        "DL3015",
        "Avoid additional packages by specifying --no-install-recommends",
    ),
    ("DL3016", "Pin versions in npm"),
    ("DL3017", "Do not use apk upgrade"),
    ("DL3018", "Pin versions in apk add"),
    ("DL3019", "Use the --no-cache switch with apk add"),
    ("DL3020", "Use COPY instead of ADD for files and folders"),
    (
        "DL3021",
        "COPY with more than 2 arguments requires the last argument to end with /",
    ),
    (
        "DL3022",
        "COPY --from should reference a previously defined FROM alias",
    ),
    ("DL3023", "COPY --from cannot reference its own FROM alias"),
    ("DL3024", "FROM aliases (stage names) must be unique"),
    (
        "DL3025",
        "Use JSON notation for CMD and ENTRYPOINT arguments",
    ),
    ("DL3026", "Use only an allowed registry in the FROM image"),
    ("DL3027", "Do not use apt, use apt-get or apt-cache"),
    ("DL3028", "Pin versions in gem install"),
    ("DL3029", "Do not use --platform with FROM"),
    ("DL3030", "Use the -y switch with yum install"),
    ("DL3031", "Do not use yum update"),
    ("DL3032", "yum clean all missing after yum command"),
    ("DL3033", "Specify version with yum install"),
    (
        "DL3034",
        "Non-interactive switch missing from zypper command",
    ),
    ("DL3035", "Do not use zypper dist-upgrade"),
    ("DL3036", "zypper clean missing after zypper use"),
    ("DL3037", "Specify version with zypper install"),
    ("DL3038", "Use the -y switch with dnf install"),
    ("DL3039", "Do not use dnf update"),
    ("DL3040", "dnf clean all missing after dnf command"),
    ("DL3041", "Specify version with dnf install"),
    (
        "DL3042",
        "Avoid the cache directory with pip install --no-cache-dir",
    ),
    (
        "DL3043",
        "ONBUILD, FROM or MAINTAINER triggered from within ONBUILD",
    ),
    (
        "DL3044",
        "Do not refer to an environment variable within the same ENV statement",
    ),
    (
        "DL3045",
        "COPY to a relative destination without WORKDIR set",
    ),
    (
        "DL3046",
        "useradd without -l and a high UID makes an excessively large image",
    ),
    ("DL3047", "wget without --progress bloats build logs"),
    ("DL3048", "Invalid label key"),
    ("DL3049", "Label is missing"),
    ("DL3050", "Superfluous labels present"),
    ("DL3051", "Label is empty"),
    ("DL3052", "Label is not a valid URL"),
    ("DL3053", "Label is not a valid RFC 3339 time"),
    ("DL3054", "Label is not a valid SPDX license identifier"),
    ("DL3055", "Label is not a valid git hash"),
    ("DL3056", "Label does not conform to semantic versioning"),
    ("DL3057", "HEALTHCHECK instruction missing"),
    ("DL3058", "Label is not a valid RFC 5322 email"),
    ("DL3059", "Multiple consecutive RUN instructions"),
    ("DL3060", "yarn cache clean missing after yarn install"),
    (
        "DL3061",
        "Invalid instruction order: a Dockerfile must begin with FROM, ARG or a comment",
    ),
    ("DL3062", "Pin versions in go install"),
    ("DL3063", "Stage name is a reserved word"),
    ("DL3064", "Sensitive data in ARG or ENV"),
    ("DL3065", "$TARGETPLATFORM in FROM --platform is redundant"),
    ("DL3066", "USER with a non-numeric UID"),
    (
        "DL3067",
        "Do not copy an entire filesystem from another stage",
    ),
    ("DL4000", "MAINTAINER is deprecated"),
    ("DL4001", "Either use wget or curl, but not both"),
    ("DL4003", "Multiple CMD instructions"),
    ("DL4004", "Multiple ENTRYPOINT instructions"),
    ("DL4005", "Use SHELL to change the default shell"),
    (
        "DL4006",
        "Set the SHELL option -o pipefail before RUN with a pipe in it",
    ),
];

/// Docker's build checks (`docker build --check`).
pub const BUILDKIT: &[(&str, &str)] = &[
    (
        "ConsistentInstructionCasing",
        "All instructions should use the same casing",
    ),
    (
        "CopyIgnoredFile",
        "COPY or ADD of a path the .dockerignore excludes",
    ),
    ("DuplicateStageName", "Stage names should be unique"),
    (
        "ExposeInvalidFormat",
        "IP address and host-port mapping should not be used in EXPOSE",
    ),
    (
        "ExposeProtoCasing",
        "Protocol in EXPOSE should be lowercase",
    ),
    (
        "FromAsCasing",
        "The AS keyword should match the casing of FROM",
    ),
    (
        "FromPlatformFlagConstDisallowed",
        "FROM --platform should not use a constant value",
    ),
    (
        "InvalidDefaultArgInFrom",
        "Default value for a global ARG results in an empty or invalid base image name",
    ),
    (
        "InvalidDefinitionDescription",
        "Comment for a build stage or argument should follow the format `# <name> <description>`",
    ),
    (
        "JSONArgsRecommended",
        "JSON arguments recommended for ENTRYPOINT and CMD",
    ),
    (
        "LegacyKeyValueFormat",
        "Legacy `key value` format with whitespace separator",
    ),
    (
        "MaintainerDeprecated",
        "The MAINTAINER instruction is deprecated",
    ),
    (
        "MultipleInstructionsDisallowed",
        "Multiple CMD, ENTRYPOINT or HEALTHCHECK instructions in one stage",
    ),
    ("NoEmptyContinuation", "Empty continuation lines"),
    (
        "RedundantTargetPlatform",
        "Setting platform to the predefined $TARGETPLATFORM is redundant",
    ),
    (
        "ReservedStageName",
        "Reserved words should not be used as stage names",
    ),
    (
        "SecretsUsedInArgOrEnv",
        "Sensitive data should not be used in ARG or ENV",
    ),
    ("StageNameCasing", "Stage names should be lowercase"),
    ("UndefinedArgInFrom", "FROM command must use declared ARGs"),
    (
        "UndefinedVar",
        "Variables should be defined before their use",
    ),
    (
        "WorkdirRelativePath",
        "Relative WORKDIR without an absolute WORKDIR set before",
    ),
];

/// Upstream rules no ballast rule has as an alias, with the reason and the rule that covers the
/// problem instead, if any.
pub const NOT_ALIASED: &[(&str, &str, Option<&str>)] = &[
    (
        "DL1001",
        "hadolint turns it off by default, and ballast has no off-by-default rules: on for everyone it would flag every suppression, which ballast relies on. ballast reports the suppressions that do harm, those that suppress nothing.",
        Some("unused-suppression"),
    ),
    (
        "DL3043",
        "ONBUILD FROM, ONBUILD MAINTAINER and ONBUILD ONBUILD are rejected by BuildKit's parser, and so by ballast's, as syntax errors.",
        Some("syntax-error"),
    ),
];
