from atipsom.app.cli import main

main()
