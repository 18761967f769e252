-- Slurm cli_filter.lua (beside slurm.conf, with CliFilterPlugins=cli_filter/lua in slurm.conf):
-- every job that did not ask for a container runs in UML through the host-root bundle.
local BUNDLE = "/etc/uml-job-wrapper/host-bundle"

function slurm_cli_setup_defaults(options, early_pass)
  return slurm.SUCCESS
end

function slurm_cli_pre_submit(options, pack_offset)
  if options["container"] == nil or options["container"] == "" then
    options["container"] = BUNDLE
  end
  return slurm.SUCCESS
end

function slurm_cli_post_submit(offset, job_id, step_id)
  return slurm.SUCCESS
end
