//! BuildKit's build checks (`docker build --check`), with the hadolint rules that check the
//! same things. Each rule is named after the BuildKit check it implements and answers to the
//! check's name in `# check=skip=...`.
//!
//! Severity: BuildKit reports every check as a warning. Here checks that only concern how the
//! file is written (casing, redundant flags, descriptions) are `info`; checks where the build
//! does something other than what the file says are `warning`; an EXPOSE port that makes the
//! build fail is an `error`. `# check=error=true` makes all of them errors, as in BuildKit.

pub mod common;
pub mod consistent_instruction_casing;
pub mod duplicate_stage_name;
pub mod expose_invalid_format;
pub mod expose_port_out_of_range;
pub mod expose_proto_casing;
pub mod from_as_casing;
pub mod from_platform_flag;
pub mod from_platform_flag_const_disallowed;
pub mod invalid_default_arg_in_from;
pub mod invalid_definition_description;
pub mod json_args_recommended;
pub mod legacy_key_value_format;
pub mod maintainer_deprecated;
pub mod multiple_instructions_disallowed;
pub mod no_empty_continuation;
pub mod redundant_target_platform;
pub mod reserved_stage_name;
pub mod stage_name_casing;
pub mod undefined_arg_in_from;
pub mod undefined_var;
pub mod workdir_relative_path;

pub(crate) static RULES: &[&super::Rule] = &[
    &consistent_instruction_casing::RULE,
    &duplicate_stage_name::RULE,
    &expose_invalid_format::RULE,
    &expose_port_out_of_range::RULE,
    &expose_proto_casing::RULE,
    &from_as_casing::RULE,
    &from_platform_flag_const_disallowed::RULE,
    &from_platform_flag::RULE,
    &invalid_default_arg_in_from::RULE,
    &invalid_definition_description::RULE,
    &json_args_recommended::RULE,
    &legacy_key_value_format::RULE,
    &maintainer_deprecated::RULE,
    &multiple_instructions_disallowed::RULE,
    &no_empty_continuation::RULE,
    &redundant_target_platform::RULE,
    &reserved_stage_name::RULE,
    &stage_name_casing::RULE,
    &undefined_arg_in_from::RULE,
    &undefined_var::RULE,
    &workdir_relative_path::RULE,
];
