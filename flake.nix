{
  description = "unihv: a unikernel-style x86_64 hypervisor image";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-23.11";

  outputs = { self, nixpkgs }:
    let
      system = "x86_64-linux";
      pkgs = nixpkgs.legacyPackages.${system};

      # Pinned tarballs: every URL and hash comes from third_party/sources.manifest.
      sources = import ./nix/sources.nix { inherit pkgs; };

      build = target: pkgs.callPackage ./nix/package.nix {
        inherit sources target;
        src = self;
      };

      image = build "image";

      # Boot the image under QEMU with software emulation (works without KVM),
      # with the same machine as tools/run-qemu.sh: serial console on the
      # terminal, debug-exit port, virtio-net with the management port
      # (7443) forwarded to 127.0.0.1. Extra arguments go to QEMU.
      run = pkgs.writeShellScriptBin "unihv-run" ''
        exec ${pkgs.qemu}/bin/qemu-system-x86_64 \
          -M q35 -accel tcg -cpu max -smp 2 -m 256 \
          -display none -no-reboot -serial mon:stdio \
          -device isa-debug-exit,iobase=0xf4,iosize=4 \
          -netdev user,id=n0,hostfwd=tcp:127.0.0.1:7443-:7443 \
          -device virtio-net-pci,netdev=n0 \
          -kernel ${image}/unihv.elf \
          "$@"
      '';
    in
    {
      packages.${system} = {
        default = image;
        iso = build "iso";
      };

      apps.${system}.default = {
        type = "app";
        program = "${run}/bin/unihv-run";
      };

      checks.${system} = {
        unit-test = build "unit-test";
        boot-test = build "test-qemu-boot";
      };

      devShells.${system}.default = pkgs.mkShell {
        packages = with pkgs; [
          gcc
          gnumake
          binutils
          qemu
          bochs
          grub2
          xorriso
          mtools
          cmocka
          pkg-config
          protobuf
          (python3.withPackages (ps: [ ps.protobuf ]))
          shellcheck
          jq
        ];
      };
    };
}
