# Loaded into the oracle's Jekyll with `--require` by scripts/regen_goldens.py.
# After the site is written, records every static file Jekyll wrote (source path and
# output path relative to the destination) as JSON in $DEJEKYLL_STATIC_DUMP.
require "json"
require "jekyll"

Jekyll::Hooks.register :site, :post_write do |site|
  dump = ENV["DEJEKYLL_STATIC_DUMP"]
  next unless dump

  dest = File.join(site.dest, "")
  rows = site.static_files.select(&:write?).map do |file|
    {
      "source" => file.relative_path.sub(%r!\A/!, ""),
      "output_path" => file.destination(site.dest).delete_prefix(dest),
    }
  end
  File.write(dump, JSON.pretty_generate(rows.sort_by { |r| [r["output_path"], r["source"]] }))
end
