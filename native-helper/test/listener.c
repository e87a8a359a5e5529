/* Test aid for smoke.sh: listens on 127.0.0.1:PORT for SECONDS, so the smoke
 * run has a TCP port owned by another user (the helper must refuse to probe
 * from it). Usage: listener PORT SECONDS */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) != 0 || listen(l, 1) != 0) {
        perror("listener");
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    sleep((unsigned)atoi(argv[2]));
    return 0;
}
