# Build one make target of the unihv tree inside the Nix sandbox.
#
# The sandbox has no network: the pinned tarballs come from nix/sources.nix
# (fixed-output fetches) and are handed to the Makefile as UNIHV_SOURCES_DIR,
# so tools/fetch-sources.sh only verifies and unpacks them.
#
# target:
#   "image"          make build/unihv.elf      -> $out/unihv.elf
#   "iso"            make iso                  -> $out/unihv.iso
#   "unit-test"      make unit-test            -> $out/log
#   "test-qemu-boot" make test-qemu-boot       -> $out/log
{ lib
, stdenv
, gnumake
, python3
, protobuf
, cmocka
, pkg-config
, qemu
, grub2
, xorriso
, mtools
, src
, sources
, target ? "image"
}:
let
  # nanopb's generator runs on the host; it needs protobuf's Python module.
  pythonEnv = python3.withPackages (ps: [ ps.protobuf ]);

  targets = {
    image = {
      make = "build/unihv.elf";
      extra = [ ];
      install = "install -Dm644 build/unihv.elf $out/unihv.elf";
    };
    iso = {
      make = "iso";
      extra = [ grub2 xorriso mtools ];
      install = "install -Dm644 build/unihv.iso $out/unihv.iso";
    };
    unit-test = {
      make = "unit-test";
      extra = [ pkg-config ];
      libs = [ cmocka ];
      install = "install -Dm644 make.log $out/log";
    };
    test-qemu-boot = {
      make = "test-qemu-boot";
      extra = [ qemu ];
      install = "install -Dm644 make.log $out/log";
    };
  };
  t = targets.${target} or (throw "nix/package.nix: unknown target ${target}");
in
stdenv.mkDerivation {
  pname = if target == "image" then "unihv" else "unihv-${target}";
  version = "0";
  inherit src;

  # Host tools; libraries the host-side tests link go in buildInputs.
  nativeBuildInputs = [ gnumake pythonEnv protobuf ] ++ t.extra;
  buildInputs = t.libs or [ ];

  # Scripts start with #!/usr/bin/env, which the sandbox does not have.
  postPatch = ''
    patchShebangs tools tests
  '';

  dontConfigure = true;

  buildPhase = ''
    runHook preBuild
    make -j$NIX_BUILD_CORES UNIHV_SOURCES_DIR=${sources.dir} PROTO_PYTHON=python3 ${t.make} 2>&1 | tee make.log
    test ''${PIPESTATUS[0]} -eq 0
    runHook postBuild
  '';

  installPhase = ''
    runHook preInstall
    ${t.install}
    runHook postInstall
  '';

  # The image is freestanding: keep Nix's hardening and fixups away from it.
  hardeningDisable = [ "all" ];
  dontStrip = true;
  dontPatchELF = true;

  meta = {
    description = "unihv: a unikernel-style x86_64 hypervisor image";
    platforms = [ "x86_64-linux" ];
  };
}
