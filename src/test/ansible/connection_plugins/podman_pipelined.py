# The tests' way into the fleet's test hosts: containers.podman's podman connection with Ansible's pipelining.
# That connection sends no stdin to `podman exec` (no -i), so it declares has_pipelining = False, and each task
# costs four or five podman execs (temp folder, chmod, run, remove; each a podman CLI, conmon, runc and a cleanup
# podman on the host). With -i the module goes over stdin: one podman exec per task. Users' hosts use ssh, which
# pipelines as well; the playbook runs the same either way.
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import shlex

from ansible.module_utils._text import to_native
from ansible.plugins.connection import ensure_connect
from ansible_collections.containers.podman.plugins.connection import podman

DOCUMENTATION = podman.DOCUMENTATION.replace("name: podman", "name: podman_pipelined", 1)


class Connection(podman.Connection):
    transport = 'podman_pipelined'
    has_pipelining = True

    @ensure_connect
    def exec_command(self, cmd, in_data=None, sudoable=False):
        if in_data is None:
            return super(Connection, self).exec_command(cmd, in_data=in_data, sudoable=sudoable)
        # what the base class does, with -i so that podman hands the module to the command's stdin
        super(podman.Connection, self).exec_command(cmd, in_data=in_data, sudoable=sudoable)
        arguments = ["exec", "-i"]
        if self.user:
            arguments.extend(("--user", self.user))
        return self._podman(arguments, shlex.split(to_native(cmd, errors='surrogate_or_strict')), in_data)
