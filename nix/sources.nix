# Pinned third-party sources for the Nix build, read from
# third_party/sources.manifest so that the manifest stays the only place
# where versions and hashes are written.
#
#   import ./sources.nix { }          -> { manifest = [ ... ]; }   (plain data, no nixpkgs)
#   import ./sources.nix { inherit pkgs; }
#                                     -> also tarballs.<name> (fixed-output fetches)
#                                        and dir (all tarballs in one directory,
#                                        usable as UNIHV_SOURCES_DIR)
{ pkgs ? null
, manifestFile ? ../third_party/sources.manifest
}:
let
  inherit (builtins) filter isString split length elemAt substring readFile;

  # Split on a regex and keep only the pieces (split also returns match groups).
  splitOn = re: s: filter isString (split re s);

  lines = splitOn "\n" (readFile manifestFile);
  fieldsOf = line: filter (w: w != "") (splitOn "[ \t]+" line);
  isEntry = fs: fs != [ ] && substring 0 1 (elemAt fs 0) != "#";

  toEntry = fs:
    if length fs != 7 then
      throw "sources.manifest: expected 7 columns, got: ${toString fs}"
    else {
      name = elemAt fs 0;
      version = elemAt fs 1;
      debianPackage = elemAt fs 2;
      debianVersion = elemAt fs 3;
      tarball = elemAt fs 4;
      sha256 = elemAt fs 5;
      topdir = elemAt fs 6;
    };

  manifest = map toEntry (filter isEntry (map fieldsOf lines));

  # Debian pool layout: pool/main/<p>/<pkg>/ where <p> is the first letter,
  # or the first four letters for lib* packages.
  poolPrefix = pkg:
    if substring 0 3 pkg == "lib" then substring 0 4 pkg else substring 0 1 pkg;

  fetch = e: pkgs.fetchurl {
    name = e.tarball;
    url = "mirror://debian/pool/main/${poolPrefix e.debianPackage}/${e.debianPackage}/${e.tarball}";
    sha256 = e.sha256;
  };

  withPkgs = {
    tarballs = builtins.listToAttrs (map (e: { name = e.name; value = fetch e; }) manifest);
    # One directory holding every tarball under its Debian file name, which is
    # what tools/fetch-sources.sh --from (UNIHV_SOURCES_DIR) looks for.
    dir = pkgs.linkFarm "unihv-sources"
      (map (e: { name = e.tarball; path = fetch e; }) manifest);
  };
in
{ inherit manifest; } // (if pkgs == null then { } else withPkgs)
